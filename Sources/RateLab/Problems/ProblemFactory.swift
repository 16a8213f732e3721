/// Builds problems from specs.
public enum ProblemFactory {
    /// The problem `spec.name` (looked up in `ProblemCatalog`) with the spec's parameters; throws
    /// `ProblemError` (unknown name, impossible or inapplicable parameter), `DataError` (bad data
    /// file) or `LinalgError`.
    public static func make(_ spec: ProblemSpec) throws -> Problem {
        guard let entry = ProblemCatalog.entry(named: spec.name) else {
            throw ProblemError.unknownProblem(name: spec.name, known: ProblemCatalog.names)
        }
        return try entry.make(spec)
    }
}
