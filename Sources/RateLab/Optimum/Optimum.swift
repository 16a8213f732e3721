import Foundation
import RateLabLinalg
import RateLabProblems

/// True optima with certificates: a direct or second-order solver, an independent cross-check,
/// and the gradient norm at the answer.
///
/// | problem | solver | cross-check |
/// |---|---|---|
/// | quadratic | dposv on A x = b | closed form Q diag(1/λ) Qᵀ b |
/// | least-squares, λ > 0 | dposv on (AᵀWA + λI)x = AᵀWb | dgelsd on [√W A; √λ I] x = [√W b; 0] |
/// | least-squares, λ = 0 | dgelsd min-norm on √W A x = √W b | dposv on normal equations (or on AAᵀ y = b, x = Aᵀy) |
/// | logistic, logcosh-regression | Newton (dposv) + Armijo | GSL BFGS2 from the origin |
/// | pl-sine | x_true (f* = 0 by construction) | GSL BFGS2 from the origin |
/// | huber-worst-case | closed form x* = 0, f* = 0 | GSL BFGS2 from x₀ = R |
/// | nonconvex-logistic, two-layer-net | GSL BFGS2 from the reference point + Newton polish | BFGS2 with another line-search tolerance, same polish |
public enum Optimum {
    /// The certified optimum of `problem` (see the table above). A condition number L/μ above
    /// `OptimumCertificate.maxCondition` is refused before solving (such solves run long and cannot
    /// certify); a LAPACK failure, or a certificate that does not certify
    /// (`OptimumCertificate.validate`), is an `OptimumError` naming the data.
    public static func certify(_ problem: Problem) throws -> OptimumCertificate {
        if let mu = problem.curvature.mu, mu > 0, !(problem.smoothness / mu <= OptimumCertificate.maxCondition) {
            throw OptimumError.uncertified(
                source: problem.dataSource,
                reason: String(format: "condition number L/μ = %.3g exceeds %.0e, beyond what double precision can certify",
                              problem.smoothness / mu, OptimumCertificate.maxCondition))
        }
        let certificate: OptimumCertificate
        do {
            certificate = try solve(problem)
        } catch let error as LinalgError {
            throw OptimumError.numericFailure(source: problem.dataSource, reason: "\(error)")
        }
        try certificate.validate(source: problem.dataSource)
        return certificate
    }

    /// The solver and cross-check of `problem`'s kind.
    private static func solve(_ problem: Problem) throws -> OptimumCertificate {
        switch problem {
        case let q as QuadraticProblem: return try certifyQuadratic(q)
        case let ls as LeastSquaresProblem: return try certifyLeastSquares(ls)
        case let lr as LogisticProblem: return try certifyLogistic(lr)
        case let lc as LogCoshProblem: return try certifyConvexGLM(lc)
        case let pl as PLSineProblem: return try certifyPLSine(pl)
        case let nc as NonconvexLogisticProblem: return try certifyStationaryPoint(nc)
        case let net as TwoLayerNetProblem: return try certifyStationaryPoint(net)
        case let huber as HuberWorstCaseProblem: return try certifyHuberWorstCase(huber)
        // Registered problems (`ProblemCatalog.register`): their own optimum, or BFGS2 + Newton.
        case let known as KnownOptimumProblem:
            let k = try known.knownOptimum()
            return certificate(problem, xStar: k.xStar, solver: k.solver, crossCheck: k.crossCheck,
                               metric: k.metric == .relativeX ? OptimumCertificate.relativeX : OptimumCertificate.absoluteF,
                               difference: k.difference)
        case let twice as TwiceDifferentiableProblem: return try certifyStationaryPoint(twice)
        default: throw OptimumError.unsupportedProblem(name: problem.name)
        }
    }

    /// max(1, |f(x*)|, ‖∇f(x₀)‖): the scale that makes ‖∇f(x*)‖ unit-free.
    static func gradientScale(_ problem: Problem, at x: [Double]) -> Double {
        max(1, abs(problem.value(x)), BLAS.norm(problem.gradient(problem.referencePoint)))
    }

    /// ‖a − b‖ / max(1, ‖a‖).
    static func relativeDifference(_ a: [Double], _ b: [Double]) -> Double {
        BLAS.norm(zip(a, b).map { $0 - $1 }) / max(1, BLAS.norm(a))
    }

    /// Assembles the certificate for x* with everything measured at x*.
    static func certificate(
        _ problem: Problem, xStar: [Double], solver: String, crossCheck: String, metric: String, difference: Double
    ) -> OptimumCertificate {
        let gradNorm = BLAS.norm(problem.gradient(xStar))
        return OptimumCertificate(
            problem: problem.name, fStar: problem.value(xStar), xStar: xStar, gradNorm: gradNorm,
            scaledGradNorm: gradNorm / gradientScale(problem, at: xStar), solver: solver, crossCheck: crossCheck,
            crossCheckMetric: metric, crossCheckDifference: difference, L: problem.smoothness,
            mu: problem.curvature.mu, curvature: problem.curvature.description,
            zetaSquared: problem.heterogeneity(at: xStar))
    }
}
