import QDAAgreement
import Testing

/// Building reliability data from (unit, coder, value) triples.
@Suite("Reliability data")
struct ReliabilityDataTests {
  @Test func triplesBecomeAUnitsByCodersMatrix() throws {
    let data = try ReliabilityData(ratings: [
      (unit: "P1", coder: "alice", value: "rules"),
      (unit: "P1", coder: "bob", value: "rules"),
      (unit: "P2", coder: "alice", value: "tools"),
      (unit: "P1", coder: "alice", value: "rules"),  // repeated with the same value: counts once
      (unit: "P3", coder: "carol", value: "rules"),
    ])
    #expect(data.units == ["P1", "P2", "P3"])
    #expect(data.coders == ["alice", "bob", "carol"])
    #expect(data.values == [["rules", "rules", nil], ["tools", nil, nil], [nil, nil, "rules"]])
    #expect(data.value(unit: "P2", coder: "alice") == "tools")
    #expect(data.value(unit: "P2", coder: "bob") == nil)
    #expect(data.categories == ["rules", "tools"])
    #expect(
      data.krippendorffAlpha().summary
        == "Krippendorff's α (nominal) over 1 unit with values from 2 or more of 3 coders (2 pairable values); 2 units coded by one coder only were left out"
    )
  }

  @Test func aCoderWithTwoValuesForOneUnitIsAnError() {
    #expect(
      throws: AgreementError(
        .conflictingValues, "bob gave P1 two different values: rules and tools")
    ) {
      try ReliabilityData(ratings: [
        (unit: "P1", coder: "bob", value: "rules"), (unit: "P1", coder: "bob", value: "tools"),
      ])
    }
  }

  @Test func namedCodersComeInOrderEvenIfTheyCodedNothing() throws {
    let data = try ReliabilityData(
      ratings: [(unit: "P1", coder: "bob", value: 1)], coders: ["alice", "bob"], unitNoun: .passage)
    #expect(data.values == [[nil, 1]])
    #expect(throws: AgreementError.self) {
      try ReliabilityData(
        ratings: [(unit: "P1", coder: "eve", value: 1)], coders: ["alice", "bob"])
    }
    let table = try data.contingencyTable(between: "alice", and: "bob")
    #expect(table.cohensKappa().estimate == .undefined(.noPairableUnits))
    #expect(table.percentAgreement().estimate == .undefined(.noPairableUnits))
    #expect(
      table.cohensKappa().summary
        == "Cohen's κ over 0 passages coded by both alice and bob; 1 passage coded by one coder only was left out"
    )
  }

  @Test func restrictingToSomeCoders() throws {
    let pair = try GoldenData.g1.restricted(to: ["D", "A"])
    #expect(pair.coders == ["D", "A"])
    #expect(pair.values[0] == [1, 1])
    #expect(pair.values[11] == [nil, nil])
    #expect(throws: AgreementError(.unknownCoder, "E is not one of the coders: A, B, C and D")) {
      try GoldenData.g1.restricted(to: ["E"])
    }
    let table = try GoldenData.g1.contingencyTable(between: "A", and: "B")
    #expect(table.unitCount == 9)
    #expect(table.unitsCodedByOneCoder == 2)
    #expect(table.unitsCodedByNeither == 1)
  }

  @Test func holstiIndexForUnequalSegmentations() {
    let holsti = AgreementResult.holstiIndex(agreements: 8, firstCount: 10, secondCount: 12)
    #expect(holsti.exactProportion == Proportion(16, 22))
    expectValue(holsti, 16.0 / 22.0, within: 1e-15)
    // With the same segmentation it is percent agreement.
    #expect(
      AgreementResult.holstiIndex(agreements: 7, firstCount: 10, secondCount: 10).value == 0.7)
  }

  @Test func descriptionsRoundToThreeDecimals() {
    let table = ContingencyTable(
      categories: [1, 2, 3], counts: [[25, 12, 3], [13, 2, 15], [12, 16, 2]])
    #expect(
      table.gwetAC1().description.hasPrefix(
        "Gwet's AC1 (q = 3) = -0.048: Gwet's AC1 over 100 units"))
  }
}
