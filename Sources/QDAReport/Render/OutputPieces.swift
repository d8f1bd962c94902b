/// How much a renderer writing to a sink holds before it hands it over: a megabyte. The sink is
/// usually a file the pipeline streams to; the outputs of a large study run to hundreds of
/// megabytes each, and none is held whole.
enum OutputPieces {
  static let size = 1 << 20
}
