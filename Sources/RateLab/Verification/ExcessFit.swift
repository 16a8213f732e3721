import Foundation
import RateLabLinalg

/// The continuous excess fit of a local-SGD τ study: the relative excess error of the period τ over
/// synchronous SGD, as one power law over every cell (T, p) and the τ > 1 of the grid,
///
///     r(τ, T, p) − 1 ≈ C·(τ − 1)^α·T^β·p^γ,    r = m(τ) / m(1),
///
/// m the arithmetic mean error over seeds at the same T, p, B (common random numbers: seed s ran every τ
/// of its cell). τ − 1 rather than τ: r(1) = 1 by definition, so the excess must vanish at τ = 1 (with τ^α a
/// fit of (τ − 1)² data at τ = 2, 4, … is off by 4× at τ = 2). Setting r = `factor` gives τ* in closed form and
/// its exponents in (T, p):
///
///     τ*(T, p) = 1 + ((factor − 1)/(C·T^β·p^γ))^{1/α},    τ* − 1 ∝ T^a p^b with a = −β/α, b = −γ/α
///
/// (the exponents of τ* itself once τ* ≫ 1).
///
/// Window: per cell, the τ up to the first whose r − 1 exceeds 10·(factor − 1) in the full sample (decided
/// once, kept for every bootstrap replicate): τ* depends on the excess from 0 to a little past factor − 1,
/// and far beyond it (τ = T with r ~ 10⁴) the excess is in another regime and would dominate the fit.
///
/// Estimator: weighted nonlinear least squares on the linear scale, minimising Σ_i ((r_i − 1 − C (τ_i − 1)^α
/// T_i^β p_i^γ)/s_i)² over the window's points, with s_i the standard error of r_i from the
/// paired seeds (delta method: s_i = SD_s(e_{is} − r_i e_{0s})/(√n·m_0)). Why not a log(r − 1) regression:
/// it can use only points resolved above noise (r − 1 > 2 s_i), and selecting them on the noisy r biases
/// the slope in τ upwards near the noise level, while a point with r − 1 ≤ 0 has no logarithm at all; the
/// linear-scale weighted fit uses every point with its own precision, so unresolved points pull the curve
/// towards 0 exactly as much as their noise allows. The log regression over the resolved points (there must
/// be at least 5, with two or more values of T and of p) gives the start of Levenberg–Marquardt.
///
/// Intervals: the bootstrap over seed indices, one index set for every cell and τ (it keeps the pairing of
/// common random numbers and any dependence between cells that share seed numbers), recomputing the means,
/// the weights and the fit. θ = (log C, α, β, γ) takes the intervals θ̂ ± t_{n−1}·SE with SE² from the
/// bootstrap covariance scaled by n/(n − 1) (on 200 synthetic studies of n = 32 seeds these cover 186–191/200
/// for α, β, γ, a, b, where the plain percentile intervals covered about 183/200); (a, b) take the same from
/// the delta method, whose
/// 2 × 2 covariance the joint Wald test of rival theories reads (the ratio −β/α of a replicate with α* near 0
/// is unbounded, which spoils its percentiles but not the covariance of θ). τ* of each cell takes the percentile
/// interval of its replicates (skewed, and capped at T: a τ* ≥ T is censored at T).
/// The fit's adequacy is χ² = Σ residual² against its degrees of freedom: a power law that does not describe
/// the excess shows as χ²/dof ≫ 1.
public struct ExcessFit: Sendable {
    /// One (T, p) cell: its τ grid (ascending, `taus[0]` = 1 the reference) and `errors[j][s]`, seed s at τ_j.
    public struct Cell: Sendable {
        public var T: Double, p: Double
        public var taus: [Double]
        public var errors: [[Double]]
        public init(T: Double, p: Double, taus: [Double], errors: [[Double]]) {
            self.T = T
            self.p = p
            self.taus = taus
            self.errors = errors
        }
    }

    /// A fitted quantity with its 95% interval.
    public struct Parameter: Sendable {
        public var estimate: Double
        public var interval: Interval
        public init(estimate: Double, interval: Interval) {
            self.estimate = estimate
            self.interval = interval
        }
    }

    /// log C, α, β, γ (t intervals from the bootstrap covariance).
    public var logC: Parameter, alpha: Parameter, beta: Parameter, gamma: Parameter
    /// a = −β/α and b = −γ/α (delta-method t intervals).
    public var a: Parameter, b: Parameter
    /// The covariance of (a, b) by the delta method from the bootstrap covariance of θ (scaled by n/(n − 1)).
    public var exponentCovariance: [[Double]]
    /// τ* per cell, in the order of the cells, capped at T; `censored` when the fitted τ* reaches T.
    public var tauStars: [(value: Double, interval: Interval, censored: Bool)]
    /// Σ residual² of the weighted fit and its degrees of freedom (points − 4).
    public var chiSquare: Double, degreesOfFreedom: Int
    /// χ²_dof(0.99): a larger χ² says the power law does not describe the excess (1% false alarm).
    public var chiSquareLimit: Double { StatisticalQuantiles.chiSquare(0.99, degreesOfFreedom: Double(max(1, degreesOfFreedom))) }
    /// Points with r − 1 > 2 s (resolved above noise) out of all fitted points.
    public var resolved: Int, points: Int

    static let name = "ExcessFit"

    /// Fits the excess over `cells` (the same n ≥ 2 seeds everywhere) for the τ* at `factor` > 1.
    /// `seed` fixes the bootstrap's resamples.
    public static func fit(_ cells: [Cell], factor: Double, resamples: Int = 1000, seed: UInt64, level: Double = 0.95) throws -> ExcessFit {
        try Validation.level(level, fit: name)
        guard factor > 1, factor.isFinite else {
            throw FitError.invalidParameter(fit: name, parameter: "factor", value: factor, expected: "a finite factor > 1")
        }
        guard let n = cells.first?.errors.first?.count, n >= 2,
              cells.allSatisfy({ c in c.errors.count == c.taus.count && c.errors.allSatisfy { $0.count == n } }) else {
            throw FitError.tooFewPoints(fit: name, needed: 2, got: cells.first?.errors.first?.count ?? 0,
                                        reason: "every cell and τ needs the same seeds (at least 2) for paired means")
        }
        for (k, cell) in cells.enumerated() {
            guard cell.taus.first == 1 else {
                throw FitError.invalidParameter(fit: name, parameter: "taus[0] of cell \(k)", value: cell.taus.first ?? .nan, expected: "the reference τ = 1")
            }
            for (j, row) in cell.errors.enumerated() { try Validation.positive(row, "errors[\(k)][\(j)]", fit: name) }
        }
        let within = window(cells, factor: factor)
        let sample = points(cells, window: within, seeds: Array(0..<n))
        let start = try logStart(sample)
        let theta = try levenbergMarquardt(sample, start: start)
        let replicates = try Bootstrap.replicates(count: n, statistic: { picked in
            let t = try levenbergMarquardt(points(cells, window: within, seeds: picked), start: theta)
            return t + cells.map { tauStar(t, T: $0.T, p: $0.p, factor: factor) }
        }, resamples: resamples, seed: seed)
        func column(_ j: Int) -> [Double] { replicates.map { $0[j] } }
        // The bootstrap covariance of θ = (log C, α, β, γ), scaled by n/(n − 1) (the bootstrap's variance over
        // n seeds is the plug-in one, low by (n − 1)/n), then the delta method for (a, b) = (−β/α, −γ/α).
        let columns = (0..<4).map(column)
        let means: [Double] = columns.map { $0.reduce(0, +) / Double(resamples) }
        let scale = Double(n) / Double(n - 1) / Double(max(1, resamples - 1))
        var sigma = [[Double]](repeating: [0, 0, 0, 0], count: 4)
        for i in 0..<4 {
            for j in 0..<4 {
                var sum = 0.0
                for b in 0..<resamples { sum += (columns[i][b] - means[i]) * (columns[j][b] - means[j]) }
                sigma[i][j] = sum * scale
            }
        }
        let (al, be, ga) = (theta[1], theta[2], theta[3])
        let jacobian: [[Double]] = [[0, be / (al * al), -1 / al, 0], [0, ga / (al * al), 0, -1 / al]]
        var covariance = [[Double]](repeating: [0, 0], count: 2)
        for i in 0..<2 {
            for j in 0..<2 {
                for u in 0..<4 {
                    for v in 0..<4 { covariance[i][j] += jacobian[i][u] * sigma[u][v] * jacobian[j][v] }
                }
            }
        }
        let t = StatisticalQuantiles.twoSidedT(level: level, degreesOfFreedom: n - 1)
        func wald(_ value: Double, _ variance: Double) -> Parameter {
            Parameter(estimate: value, interval: Interval(low: value - t * variance.squareRoot(), high: value + t * variance.squareRoot()))
        }
        func parameter(_ j: Int) -> Parameter { wald(theta[j], sigma[j][j]) }
        let residuals = sample.map { ($0.excess - model(theta, $0.x)) / $0.se }
        return ExcessFit(
            logC: parameter(0), alpha: parameter(1), beta: parameter(2), gamma: parameter(3),
            a: wald(-be / al, covariance[0][0]), b: wald(-ga / al, covariance[1][1]), exponentCovariance: covariance,
            tauStars: cells.enumerated().map { k, cell in
                let value = tauStar(theta, T: cell.T, p: cell.p, factor: factor)
                return (value, Bootstrap.percentile(column(4 + k), level: level), value >= cell.T)
            },
            chiSquare: residuals.map { $0 * $0 }.reduce(0, +), degreesOfFreedom: sample.count - 4,
            resolved: sample.filter(\.resolved).count, points: sample.count)
    }

    /// τ* = 1 + ((factor − 1)/(C T^β p^γ))^{1/α} for θ = (log C, α, β, γ), capped at T (and T when α ≤ 0: the
    /// excess does not grow with τ).
    static func tauStar(_ theta: [Double], T: Double, p: Double, factor: Double) -> Double {
        guard theta[1] > 0 else { return T }
        return min(T, 1 + exp((log(factor - 1) - theta[0] - theta[2] * log(T) - theta[3] * log(p)) / theta[1]))
    }

    /// Per cell, the last grid index of the window: the first j whose full-sample r_j − 1 exceeds
    /// 10·(factor − 1), else the last τ ≤ T.
    static func window(_ cells: [Cell], factor: Double) -> [Int] {
        cells.map { cell in
            let means = cell.errors.map { $0.reduce(0, +) / Double($0.count) }
            let last = cell.taus.lastIndex { $0 <= cell.T } ?? 0
            return (1...max(1, last)).first { means[$0] / means[0] - 1 > 10 * (factor - 1) } ?? last
        }
    }

    /// One fitted point: x = (1, log(τ − 1), log T, log p), the excess r − 1 and its standard error.
    struct Point {
        let x: [Double]
        let excess: Double, se: Double
        var resolved: Bool { excess > 2 * se }
    }

    /// The points τ_1 … τ_{window[k]} of every cell k from the seeds `seeds` (indices, with repeats).
    static func points(_ cells: [Cell], window: [Int], seeds: [Int]) -> [Point] {
        let n = Double(seeds.count)
        var out = [Point]()
        for (cell, last) in zip(cells, window) where last >= 1 {
            let reference = seeds.map { cell.errors[0][$0] }
            let m0 = reference.reduce(0, +) / n
            for j in 1...last {
                let values = seeds.map { cell.errors[j][$0] }
                let r = values.reduce(0, +) / n / m0
                let d = zip(values, reference).map { $0 - r * $1 }
                let dm = d.reduce(0, +) / n
                let sd = (d.map { ($0 - dm) * ($0 - dm) }.reduce(0, +) / (n - 1)).squareRoot()
                // A floor of 1e-9·r keeps the weight finite when every seed agrees to rounding.
                out.append(Point(x: [1, log(cell.taus[j] - 1), log(cell.T), log(cell.p)], excess: r - 1,
                                 se: max(sd / (n.squareRoot() * m0), 1e-9 * r)))
            }
        }
        return out
    }

    static func model(_ theta: [Double], _ x: [Double]) -> Double { exp(zip(theta, x).map(*).reduce(0, +)) }

    /// The start: OLS of log(r − 1) on x over the resolved points, weighted by ((r − 1)/s)² (the inverse
    /// variance of log(r − 1) by the delta method).
    static func logStart(_ sample: [Point]) throws -> [Double] {
        let resolved = sample.filter(\.resolved)
        guard resolved.count >= 5, Set(resolved.map { $0.x[2] }).count >= 2, Set(resolved.map { $0.x[3] }).count >= 2 else {
            throw FitError.tooFewPoints(fit: name, needed: 5, got: resolved.count,
                                        reason: "the excess r − 1 must be resolved above twice its standard error at 5 or more (τ, T, p), with two or more T and p")
        }
        return try solveNormal(resolved.map { ($0.x, log($0.excess), pow($0.excess / $0.se, 2)) })
    }

    /// The weighted least-squares minimum from `start` by Levenberg–Marquardt: the Gauss–Newton system
    /// Σ J_i J_iᵀ/s_i² δ = Σ J_i (y_i − f_i)/s_i² with J_i = f_i·x_i, its diagonal scaled by 1 + λ; λ halves after
    /// a step that lowers the sum of squares and grows tenfold otherwise.
    static func levenbergMarquardt(_ sample: [Point], start: [Double]) throws -> [Double] {
        func cost(_ t: [Double]) -> Double { sample.map { pow(($0.excess - model(t, $0.x)) / $0.se, 2) }.reduce(0, +) }
        var theta = start, current = cost(start), lambda = 1e-3
        for _ in 0..<200 {
            let rows = sample.map { s -> (x: [Double], y: Double, w: Double) in
                let f = model(theta, s.x)
                return (s.x.map { $0 * f }, s.excess - f, 1 / (s.se * s.se))
            }
            var moved = false
            while lambda < 1e12 {
                if let step = try? solveNormal(rows, damping: lambda) {
                    let candidate = zip(theta, step).map(+)
                    let next = cost(candidate)
                    if next.isFinite, next <= current {
                        moved = (step.map(abs).max() ?? 0) > 1e-10
                        theta = candidate
                        current = next
                        lambda = max(lambda / 2, 1e-12)
                        break
                    }
                }
                lambda *= 10
            }
            if !moved { break }
        }
        guard theta.allSatisfy(\.isFinite), current.isFinite else {
            throw FitError.degenerate(fit: name, reason: "the weighted fit of the excess did not converge")
        }
        return theta
    }

    /// `NormalEquations.solve` of the weighted rows (x, y, w) with damping λ (weighted least squares when λ = 0).
    static func solveNormal(_ rows: [(x: [Double], y: Double, w: Double)], damping lambda: Double = 0) throws -> [Double] {
        do { return try NormalEquations.solve(rows.map(\.x), rows.map(\.y), weights: rows.map(\.w), damping: lambda) } catch {
            throw FitError.degenerate(fit: name, reason: "the design of the excess fit is singular (each of τ, T, p needs two or more values)")
        }
    }
}
