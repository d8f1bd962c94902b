// swift-tools-version:6.1
import PackageDescription

// One shared set of Swift settings: Swift 6 mode plus the upcoming features that keep module
// boundaries honest (see STYLE.md, habit 6).
let swiftSettings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("MemberImportVisibility"),
  .enableUpcomingFeature("InternalImportsByDefault"),
]

/// Numeric kernels compiled with optimisation in debug builds too: `swift run qda` (a debug build)
/// would otherwise embed the sample corpus about 20 times slower than a release build.
let optimizedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
  name: "QDAKit",
  platforms: [.macOS(.v15)],
  products: [
    .library(
      name: "QDAKit",
      targets: [
        "QDAModel", "QDAText", "QDAIngest", "QDACodebook", "QDACoding", "QDAAnalysis",
        "QDAStore", "QDAReport", "QDAPipeline", "QDAContradictions", "QDAXML", "QDAArchive",
        "QDAExchange", "QDAAgreement", "QDAQuery", "QDARedaction", "QDAEncoder",
      ]),
    .executable(name: "qda", targets: ["qda"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    // The local web page over a project (`qda serve`).
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    // For the web tests' router client only (Hummingbird's own dependencies, no HTTP client).
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    // Brief templates a researcher can edit.
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
  ],
  targets: [
    // MARK: - Pipeline stages (pure)

    /// Domain values: documents, passages, participants, codes, codings.
    .target(name: "QDAModel", swiftSettings: swiftSettings),
    /// Work split across cores (`concurrentMap`) and overlapped (`Background`): no I/O.
    .target(name: "QDAConcurrency", swiftSettings: swiftSettings),
    /// Language tools: tokens, Porter stems, sentences, number words.
    .target(name: "QDAText", swiftSettings: swiftSettings),
    /// The CHAT codebook and the interview protocol, read from YAML with line:column errors.
    .target(
      name: "QDACodebook",
      dependencies: ["QDAModel", "QDAText", .product(name: "Yams", package: "Yams")],
      swiftSettings: swiftSettings),
    /// Auto-coding by rules and linking answers to protocol questions.
    .target(
      name: "QDACoding", dependencies: ["QDAModel", "QDAText", "QDACodebook", "QDANumerics", "QDAConcurrency"],
      swiftSettings: swiftSettings),
    /// Aggregate tables: time commitment, motivation, incentives, experience, crosstabs.
    .target(
      name: "QDAAnalysis", dependencies: ["QDAModel", "QDAText", "QDANumerics", "QDAConcurrency"],
      swiftSettings: swiftSettings),

    /// Contradictions between CHAT elements, found in coded answers.
    .target(
      name: "QDAContradictions", dependencies: ["QDAModel", "QDAText", "QDAAnalysis", "QDAConcurrency"],
      swiftSettings: swiftSettings),

    /// Questions of coded feedback: full-text queries checked before SQLite, attribute filters.
    .target(name: "QDAQuery", dependencies: ["QDAModel", "QDAText", "QDANumerics"], swiftSettings: swiftSettings),

    /// Deterministic synthetic interviews, attributes and survey exports for benchmarks.
    .target(name: "QDASynthetic", swiftSettings: swiftSettings),

    /// De-identification: pseudonym keys, name replacement with offset maps, name detection.
    .target(name: "QDARedaction", dependencies: ["QDAText"], swiftSettings: swiftSettings),

    /// Inter-rater reliability: percent agreement, Cohen's κ, Scott's π, Brennan–Prediger,
    /// Gwet's AC1, Fleiss' κ, Krippendorff's α and uα, and NVivo's character-level agreement.
    .target(name: "QDAAgreement", dependencies: ["QDAModel"], swiftSettings: swiftSettings),

    // MARK: - System libraries and containers

    /// OpenBLAS's CBLAS (Debian's libopenblas-dev), wrapped once by QDANumerics.
    .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
    /// Matrix products (OpenBLAS) and the logistic regression the learned coder trains.
    .target(name: "QDANumerics", dependencies: ["CBLAS"], swiftSettings: swiftSettings + optimizedInDebug),
    /// The sentence encoder: all-MiniLM-L6-v2 from its safetensors weights and WordPiece
    /// vocabulary, bytes in, unit vectors out.
    .target(
      name: "QDAEncoder", dependencies: ["QDANumerics", "QDAConcurrency"],
      swiftSettings: swiftSettings + optimizedInDebug),

    /// libxml2, wrapped once by QDAXML; nothing else imports it.
    .systemLibrary(
      name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
    /// Safe XML: parsing without network or entities, XPath, XSD validation with line numbers.
    .target(name: "QDAXML", dependencies: ["CLibXML2"], swiftSettings: swiftSettings),
    /// ZIP containers (.qdpx, .docx, .xlsx) read without trusting names or sizes.
    .target(
      name: "QDAArchive",
      dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")],
      swiftSettings: swiftSettings),

    // MARK: - Pipeline stages (touch the world)

    /// Bytes to documents: encodings, transcripts, participant attributes.
    .target(
      name: "QDAIngest", dependencies: ["QDAModel", "QDAText", "QDAXML", "QDAArchive"],
      swiftSettings: swiftSettings),
    /// REFI-QDA exchange with NVivo, ATLAS.ti, MAXQDA, QualCoder: .qdpx projects and .qdc codebooks.
    .target(
      name: "QDAExchange", dependencies: ["QDAText", "QDAXML", "QDAArchive"],
      swiftSettings: swiftSettings),
    /// The project file: SQLite through GRDB, migrations, FTS5.
    .target(
      name: "QDAStore",
      dependencies: ["QDAModel", "QDAText", .product(name: "GRDB", package: "GRDB.swift")],
      swiftSettings: swiftSettings),
    /// Reports (Markdown, HTML) and the JSON export.
    .target(
      name: "QDAReport",
      dependencies: [
        "QDAModel", "QDAText", "QDAAnalysis", "QDAContradictions", "QDAAgreement", "QDARedaction", "QDAConcurrency",
        .product(name: "Mustache", package: "swift-mustache"),
      ],
      swiftSettings: swiftSettings),
    /// The commands' work: ingest → store → code → tables → report, one transaction each.
    .target(
      name: "QDAPipeline",
      dependencies: [
        "QDAModel", "QDAText", "QDAIngest", "QDACodebook", "QDACoding", "QDAAnalysis", "QDAStore", "QDAConcurrency",
        "QDAReport", "QDAContradictions", "QDAExchange", "QDAXML", "QDAAgreement", "QDAQuery", "QDARedaction",
        "QDAArchive", "QDAEncoder", "QDANumerics",
      ],
      swiftSettings: swiftSettings),

    /// `qda serve`: server-rendered pages over a project (dashboard, passages, documents).
    .target(
      name: "QDAWeb",
      dependencies: [
        "QDAModel", "QDAPipeline", "QDAQuery", "QDAAnalysis",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
      ],
      swiftSettings: swiftSettings),

    // MARK: - Command-line tool

    .executableTarget(
      name: "qda",
      dependencies: [
        "QDAModel", "QDAText", "QDAAnalysis", "QDAReport", "QDAPipeline", "QDAXML", "QDAExchange", "QDAAgreement",
        "QDACoding", "QDAStore", "QDAIngest", "QDAQuery", "QDARedaction", "QDASynthetic", "QDAWeb", "QDAEncoder", .product(name: "Hummingbird", package: "hummingbird"), .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: swiftSettings),

    // MARK: - Benchmarks (`swift run -c release _SurveyBench`, …; `_CSVBench` below)

    /// SurveyReader and SurveySummary on a generated 100,000-respondent Qualtrics export: time
    /// and peak memory.
    .executableTarget(
      name: "_SurveyBench", dependencies: ["QDAIngest", "QDAAnalysis", "QDAModel"],
      path: "Benchmarks/SurveyBench", swiftSettings: swiftSettings),
    /// Every stage of the pipeline on a generated study, against grep and a Python peer:
    /// `swift run -c release _PipelineBench --interviews 1000`.
    .executableTarget(
      name: "_PipelineBench",
      dependencies: [
        "QDAPipeline", "QDAIngest", "QDACoding", "QDACodebook", "QDAAnalysis", "QDAContradictions", "QDAModel",
        "QDAQuery", "QDASynthetic", "QDAConcurrency",
      ],
      path: "Benchmarks/PipelineBench", swiftSettings: swiftSettings),

    /// `qda serve` under load: `swift run -c release _WebBench` (needs the release `qda`).
    .executableTarget(name: "_WebBench", path: "Benchmarks/WebBench", swiftSettings: swiftSettings),

    /// The sentence encoder's throughput against the numpy reference, and its agreement:
    /// `swift run -c release _EncoderBench`.
    .executableTarget(
      name: "_EncoderBench", dependencies: ["QDAEncoder"], path: "Benchmarks/EncoderBench",
      swiftSettings: swiftSettings),

    // MARK: - Fuzzing (`Fuzz/run TARGET SECONDS`: libFuzzer over every reader of a user's files)

    /// Each reader as a fuzz target: the input reads consistently or fails with a located error.
    .target(
      name: "_QDAFuzz", dependencies: ["QDAIngest", "QDAExchange", "QDACodebook", "QDAQuery", "QDAModel", "QDAXML", "QDAArchive"],
      path: "Fuzz/Targets", swiftSettings: swiftSettings),
    /// The libFuzzer entry point (built with `-sanitize=fuzzer` by `Fuzz/run`), or, built plainly,
    /// a replay of saved inputs: `swift run _Fuzz docx crash-…`.
    .executableTarget(name: "_Fuzz", dependencies: ["_QDAFuzz"], path: "Fuzz/Driver", swiftSettings: swiftSettings),

    // MARK: - Tests

    .target(
      name: "_QDATestSupport", dependencies: ["QDAModel", "QDASynthetic", "QDAEncoder"], path: "Tests/_QDATestSupport",
      swiftSettings: swiftSettings),
    .testTarget(name: "QDANumericsTests", dependencies: ["QDANumerics"], swiftSettings: swiftSettings),
    .testTarget(
      name: "QDAEncoderTests", dependencies: ["QDAEncoder", "_QDATestSupport"], swiftSettings: swiftSettings),
    .testTarget(
      name: "QDAXMLTests", dependencies: ["QDAXML", "_QDATestSupport"], swiftSettings: swiftSettings),
    .testTarget(
      name: "QDAArchiveTests", dependencies: ["QDAArchive", "_QDATestSupport"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "QDAExchangeTests",
      dependencies: ["QDAExchange", "QDAXML", "QDAArchive", "QDAModel", "_QDATestSupport"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "QDAModelTests", dependencies: ["QDAModel", "_QDATestSupport"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "QDAConcurrencyTests", dependencies: ["QDAConcurrency", "_QDATestSupport"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "QDATextTests", dependencies: ["QDAText", "_QDATestSupport"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "QDAIngestTests",
      dependencies: ["QDAIngest", "QDAModel", "QDAArchive", "QDASynthetic", "_QDATestSupport"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "QDACodebookTests", dependencies: ["QDACodebook", "QDAModel", "_QDATestSupport"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "QDACodingTests",
      dependencies: ["QDACoding", "QDACodebook", "QDAModel", "QDANumerics", "QDAText", "QDAConcurrency", "_QDATestSupport"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "QDAAnalysisTests", dependencies: ["QDAAnalysis", "QDAModel", "_QDATestSupport"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "QDAContradictionsTests",
      dependencies: ["QDAContradictions", "QDAPipeline", "QDAAnalysis", "QDAModel", "_QDATestSupport"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "QDAWebTests",
      dependencies: [
        "QDAWeb", "QDAPipeline", "QDAModel", "_QDATestSupport", .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"), .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOEmbedded", package: "swift-nio"), .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "QDAFuzzTests", dependencies: ["_QDAFuzz", "_QDATestSupport"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "QDAQueryTests", dependencies: ["QDAQuery", "QDAModel", "_QDATestSupport"], swiftSettings: swiftSettings),
    .testTarget(
      name: "QDARedactionTests", dependencies: ["QDARedaction", "_QDATestSupport"], swiftSettings: swiftSettings),
    .testTarget(
      name: "QDAAgreementTests", dependencies: ["QDAAgreement", "QDAModel"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "QDAStoreTests",
      dependencies: [
        "QDAStore", "QDAModel", "QDAIngest", "QDASynthetic", "_QDATestSupport", .product(name: "GRDB", package: "GRDB.swift"),
      ],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "QDAReportTests",
      dependencies: ["QDAReport", "QDAAnalysis", "QDAContradictions", "QDAModel", "_QDATestSupport"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "QDAPipelineTests",
      dependencies: [
        "QDAPipeline", "QDAStore", "QDAModel", "QDAAnalysis", "QDAExchange", "QDAXML", "QDACoding",
        "QDAAgreement", "QDARedaction", "QDAArchive", "QDASynthetic", "_QDATestSupport",
      ],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "qdaTests", dependencies: ["qda", "_QDATestSupport"], swiftSettings: swiftSettings),
  ]
)

// The CSV benchmark measures QDAIngest's reader against two CSV packages nothing else uses; they
// are resolved and built only when asked for, as Hummingbird keeps its benchmarks out:
// `QDA_PEER_BENCHMARKS=1 swift run -c release _CSVBench`.
if Context.environment["QDA_PEER_BENCHMARKS"] != nil {
  package.dependencies += [
    .package(url: "https://github.com/swiftcsv/SwiftCSV", exact: "0.10.0"),
    .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
  ]
  /// CSVReader against SwiftCSV and CSV.swift: the tricky cases, then MB/s on a generated export.
  package.targets.append(
    .executableTarget(
      name: "_CSVBench",
      dependencies: [
        "QDAIngest", .product(name: "SwiftCSV", package: "SwiftCSV"), .product(name: "CSV", package: "CSV.swift"),
      ],
      path: "Benchmarks/CSVBench", swiftSettings: swiftSettings))
}
