/// A refinement group of one check: the check's index in the claim and its `ClaimCheck.refinementGroup` key.
struct RefinementKey: Hashable, Sendable {
    let check: Int
    let group: String
}

extension Claim {
    /// The most refinement rounds any check asks for.
    var refinementRounds: Int { checks.map(\.definition.refinementRounds).max() ?? 0 }

    /// One round of adaptive refinement: the points every check adds to `data` (`ClaimCheck.refinedPoints`), in
    /// check order, leaving out labels already in `data` or added by an earlier check.
    func refinedPoints(_ data: ClaimData) -> [GridPoint] {
        var seen = Set(data.points.map(\.point.label)), added = [GridPoint]()
        for spec in checks {
            for point in spec.definition.refinedPoints(spec, data) where seen.insert(point.label).inserted { added.append(point) }
        }
        return added
    }

    /// The refinement groups `point` (run settings resolved to `bindings`) belongs to, one per check that reads it.
    func refinementKeys(_ point: GridPoint, bindings: [String: Double]) -> [RefinementKey] {
        checks.indices.compactMap { c in
            checks[c].definition.refinementGroup(checks[c], point, bindings: bindings).map { RefinementKey(check: c, group: $0) }
        }
    }
}
