import RateLabLinalg

/// Builds problems from specs.
public enum ProblemFactory {
    /// The problem `spec.name` (looked up in `ProblemCatalog`) with the spec's parameters; throws
    /// `ProblemError` (unknown name, impossible, oversized or inapplicable parameter, a LAPACK failure
    /// naming the data) or `DataError` (bad data file).
    public static func make(_ spec: ProblemSpec) throws -> Problem {
        guard let entry = ProblemCatalog.entry(named: spec.name) else {
            throw ProblemError.unknownProblem(name: spec.name, known: ProblemCatalog.names)
        }
        try spec.validateSizes()
        do {
            return try entry.make(spec)
        } catch let error as LinalgError {
            throw ProblemError.numericFailure(source: spec.dataPath ?? "synthetic \(spec.name)", reason: "\(error)")
        }
    }
}
