/// A failure to compute or certify an optimum.
public enum OptimumError: Error, CustomStringConvertible, Equatable {
    /// Logistic regression with λ = 0 on linearly separable data: f → 0 along a ray, no minimiser.
    case separableData(source: String)
    /// A solver stopped with a gradient norm above what a certificate needs.
    case notConverged(solver: String, gradNorm: Double, iterations: Int)
    /// A problem type the Optimum layer has no solver for.
    case unsupportedProblem(name: String)
    /// A LAPACK routine failed on the problem built from `source`.
    case numericFailure(source: String, reason: String)
    /// The certificate computed for the data in `source` does not certify an optimum (`reason`).
    case uncertified(source: String, reason: String)

    public var description: String {
        switch self {
        case let .separableData(source):
            return "no finite minimiser: data are separable (\(source)), use λ > 0 (parameter lambda)"
        case let .notConverged(solver, gradNorm, iterations):
            return "\(solver) did not converge: ‖∇f‖ = \(gradNorm) after \(iterations) iterations"
        case let .unsupportedProblem(name):
            return "no optimum solver for problem '\(name)': conform it to TwiceDifferentiableProblem (BFGS2 + Newton) or KnownOptimumProblem"
        case let .numericFailure(source, reason):
            return "\(source): the optimum cannot be computed: \(reason) (rescale the data or raise lambda)"
        case let .uncertified(source, reason):
            return "\(source): the optimum is not certified: \(reason) (rescale the data or raise lambda)"
        }
    }
}
