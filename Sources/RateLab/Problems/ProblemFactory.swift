/// Builds problems from specs.
public enum ProblemFactory {
    /// The problem `spec.name` with the spec's parameters; throws `ProblemError` (unknown name,
    /// impossible or inapplicable parameter), `DataError` (bad data file) or `LinalgError`.
    public static func make(_ spec: ProblemSpec) throws -> Problem {
        switch spec.name {
        case "quadratic": return try QuadraticProblem(spec)
        case "least-squares": return try LeastSquaresProblem.leastSquares(spec)
        case "logistic": return try LogisticProblem.logistic(spec)
        case "pl-sine": return try PLSineProblem.plSine(spec)
        case "nonconvex-logistic": return try NonconvexLogisticProblem.nonconvexLogistic(spec)
        case "two-layer-net": return try TwoLayerNetProblem(spec)
        default: throw ProblemError.unknownProblem(name: spec.name, known: ProblemCatalog.names)
        }
    }
}
