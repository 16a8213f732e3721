import Foundation
import RateLabLinalg

/// Monte Carlo coverage of RateLab's intervals on synthetic series whose truth is known: the verifier
/// verifying itself.
///
/// Each cell draws `replications` series from one family (an interval kind × noise model × length),
/// computes the interval exactly as the checks do, and counts how often it contains the truth. The count
/// is binomial, so the report gives its Clopper–Pearson 95% interval. Noise models act on log m:
/// independent N(0, σ²); AR(1) with φ ∈ {0.5, 0.9, 0.97} and marginal SD σ; heteroskedastic (SD rising
/// linearly from σ/2 to 2σ along the series, AR(1) φ = 0.5); multiplicative χ²₁₀/10 (the law of a squared
/// norm of a 10-dimensional Gaussian error, skewed). σ = 0.05 (5% log-noise). Every cell is seeded, so
/// the table is a pure function of (replications, seed).
public enum Calibration {
    /// The interval families that are calibrated.
    public enum Kind: String, CaseIterable, Sendable {
        /// `GeometricFit` on C·ρ^x, ρ = 0.97 (truth ρ).
        case geometric
        /// `GeometricFit` on C·ρ^x + F, F = 1e-9 reached at 60% of the series (truth ρ).
        case geometricFloor = "geometric-floor"
        /// The floor's own interval in the same fit (truth F).
        case floorLevel = "floor-level"
        /// `PowerLawFit` on C·x^α, x = 1…n, α = −0.5 (truth α).
        case powerLaw = "power-law"
        /// `SeedSpread` of per-seed log ρ̂ (5 seeds, AR(1) noise inside each run; truth log ρ).
        case seedRate = "seed-rate"
        /// `SeedSpread` of paired per-seed log ratios of a statistic (compare checks; 5 seeds; truth: the
        /// mean log ratio, log 2).
        case compareRatio = "compare-ratio"
        /// Worst of 5 seeds as an upper bound of the q-quantile, q = 0.05^{1/5} (threshold checks).
        case worstSeed = "worst-seed"
        /// `SerialRegression` OLS across 4 swept values with independent per-point noise (scaling checks).
        case scaling
        /// `ExcessFit` on synthetic r(τ, T, p) − 1 = C (τ − 1)^α T^β p^γ over 3 × 3 cells and 32 seeds (truth α;
        /// `excessCells`).
        case excessFit = "excess-fit"
        /// The exponent a = −β/α of τ* in T in the same fits (truth 2/3).
        case excessExponent = "excess-exponent"
    }

    /// A noise model on log m.
    public enum Noise: String, CaseIterable, Sendable {
        case independent
        case ar05 = "ar1-0.5"
        case ar09 = "ar1-0.9"
        case ar097 = "ar1-0.97"
        case heteroskedastic
        case multiplicative = "chi2-10"

        /// The lag-one correlation of the model (for "φ ≤ 0.9" assertions).
        public var phi: Double {
            switch self {
            case .independent, .multiplicative: return 0
            case .ar05, .heteroskedastic: return 0.5
            case .ar09: return 0.9
            case .ar097: return 0.97
            }
        }

        /// E[deviation] of log m: 0, except E[log(χ²₁₀/10)] = ψ(5) − log 5 = (1 + 1/2 + 1/3 + 1/4 − γ) − log 5.
        var logMean: Double {
            self == .multiplicative ? (25.0 / 12 - 0.57721566490153286) - log(5.0) : 0
        }

        /// n independent deviations with the model's marginal law (seeds and grid points are independent
        /// runs: their dependence is within a run, not between runs).
        func marginal(_ n: Int, sigma: Double, _ stream: inout RandomStream) -> [Double] {
            (0..<n).map { _ in draw(1, sigma: sigma, &stream)[0] }
        }

        /// n deviations of log m along one run, with marginal SD σ (before the heteroskedastic scaling).
        func draw(_ n: Int, sigma: Double, _ stream: inout RandomStream) -> [Double] {
            switch self {
            case .multiplicative:
                return (0..<n).map { _ in
                    var s = 0.0
                    for _ in 0..<10 { let z = stream.nextGaussian(); s += z * z }
                    return log(s / 10)
                }
            case .heteroskedastic:
                let e = AR1Errors.simulate(count: n, phi: phi, innovationSD: sigma * (1 - phi * phi).squareRoot(), stream: &stream)
                return e.enumerated().map { i, v in v * (0.5 + 1.5 * Double(i) / Double(max(1, n - 1))) }
            default:
                return AR1Errors.simulate(count: n, phi: phi, innovationSD: sigma * (1 - phi * phi).squareRoot(), stream: &stream)
            }
        }
    }

    /// One row of the calibration table.
    public struct Cell: Codable, Sendable {
        public var kind: String
        public var noise: String
        /// Points per series (seeds for the across-seed kinds, which use series of 100 points).
        public var n: Int
        public var replications: Int
        public var covered: Int
        /// covered / replications.
        public var coverage: Double
        /// Clopper–Pearson 95% interval of the coverage probability.
        public var coverageCI: Interval
        /// Mean interval width (in the units of the estimated quantity: log ρ, α, log F, log ratio).
        public var meanWidth: Double
        /// Replications whose fit threw (counted as not covering).
        public var failures: Int
        public var phi: Double
    }

    /// The series lengths calibrated for the single-trajectory kinds.
    public static let lengths = [30, 100, 300]
    /// σ of log m.
    static let sigma = 0.05

    /// Every (kind, noise, n) cell with `replications` series each, on `threads` threads (results do not
    /// depend on it). `geometric-floor` and `floor-level` read the same fits, so they are one task.
    public static func table(replications: Int, seed: UInt64 = 1, threads: Int = 1,
                             kinds: [Kind] = Kind.allCases, noises: [Noise] = Noise.allCases,
                             lengths: [Int] = Calibration.lengths) -> [Cell] {
        var plan = [(Kind, Noise, Int)]()
        let tasks = kinds.map { $0 == .floorLevel ? Kind.geometricFloor : $0 == .excessExponent ? Kind.excessFit : $0 }.reduce(into: [Kind]()) { if !$0.contains($1) { $0.append($1) } }
        for kind in tasks {
            for noise in noises {
                switch kind {
                case .geometric, .geometricFloor, .floorLevel, .powerLaw: for n in lengths { plan.append((kind, noise, n)) }
                // The excess fit reads one final error per seed: only the marginal law matters, and every
                // AR(1) model has the marginal law of `independent`.
                case .excessFit, .excessExponent: if noise == .independent || noise == .multiplicative { plan.append((kind, noise, excessSeeds)) }
                default: plan.append((kind, noise, 5))
                }
            }
        }
        let cells = ParallelCells.map(plan.count, threads: threads) { i in
            let (kind, noise, n) = plan[i]
            return run(kind, noise, n: n, replications: replications, seed: seed &+ UInt64(i))
        }
        let wanted = Set(kinds.map(\.rawValue))
        return cells.flatMap { $0 }.filter { wanted.contains($0.kind) }
    }

    /// One task: draw, estimate, count — one cell per kind the task measures (`measured(by:)`).
    static func run(_ kind: Kind, _ noise: Noise, n: Int, replications: Int, seed: UInt64) -> [Cell] {
        var stream = RandomStream(seed: seed, stream: 0, purpose: .noise)
        let kinds = measured(by: kind)
        var covered = [Int](repeating: 0, count: kinds.count), failures = covered
        var width = [Double](repeating: 0, count: kinds.count)
        for _ in 0..<replications {
            let outcomes: [(Interval, Double)?]
            do { outcomes = try replicate(kind, noise, n: n, &stream) } catch {
                outcomes = kinds.map { _ in nil }
            }
            for (j, outcome) in outcomes.enumerated() {
                guard let (interval, truth) = outcome else { failures[j] += 1; continue }
                if interval.contains(truth) { covered[j] += 1 }
                width[j] += interval.width
            }
        }
        return kinds.indices.map { j in
            Cell(kind: kinds[j].rawValue, noise: noise.rawValue, n: n, replications: replications, covered: covered[j],
                 coverage: Double(covered[j]) / Double(replications),
                 coverageCI: clopperPearson(covered[j], replications), meanWidth: width[j] / Double(max(1, replications - failures[j])),
                 failures: failures[j], phi: noise.phi)
        }
    }

    /// The kinds one task measures: the decay-to-floor fit gives both the rate's and the floor's interval.
    static func measured(by kind: Kind) -> [Kind] {
        kind == .geometricFloor ? [.geometricFloor, .floorLevel] : kind == .excessFit ? [.excessFit, .excessExponent] : [kind]
    }

    /// One replication: per kind of `measured(by: kind)`, the interval and the truth it should contain, or nil
    /// when that interval could not be made (counted as a failure, i.e. not covering).
    static func replicate(_ kind: Kind, _ noise: Noise, n: Int, _ stream: inout RandomStream) throws -> [(Interval, Double)?] {
        let rate = 0.97, exponent = -0.5, floorLevel = 1e-9
        switch kind {
        case .geometric:
            let x = (0..<n).map(Double.init)
            let e = noise.draw(n, sigma: sigma, &stream)
            return [(try GeometricFit.fit(x: x, y: zip(x, e).map { pow(rate, $0) * exp($1) }).logRate.interval, log(rate))]
        case .geometricFloor, .floorLevel:
            // Checkpoints every Δ iterations, Δ such that ρ^x falls from 1 to the floor 1e-9 at 60% of the
            // series (a run recorded every few steps that ends on its noise floor).
            let spacing = log(floorLevel) / (0.6 * Double(n) * log(rate))
            let x = (0..<n).map { Double($0) * spacing }
            let e = noise.draw(n, sigma: sigma, &stream)
            let fit = try GeometricFit.fit(x: x, y: zip(x, e).map { (pow(rate, $0) + floorLevel) * exp($1) })
            // The fitted floor is the geometric mean level: log F plus the mean of the log-noise; no detected
            // floor is a failure of the floor's interval.
            return [(fit.logRate.interval, log(rate)), fit.floorCI.map { ($0.mapped(by: log), log(floorLevel) + noise.logMean) }]
        case .powerLaw:
            let x = (1...n).map(Double.init)
            let e = noise.draw(n, sigma: sigma, &stream)
            let y = zip(x, e).map { pow($0, exponent) * exp($1) }
            return [(try PowerLawFit.fit(x: x, y: y).ci, exponent)]
        case .seedRate:
            let x = (0..<100).map(Double.init)
            let logs = try (0..<n).map { _ -> Double in
                let e = noise.draw(100, sigma: sigma, &stream)
                return try GeometricFit.fit(x: x, y: zip(x, e).map { pow(rate, $0) * exp($1) }, calibrated: false).logRate.estimate
            }
            return [(try SeedSpread.of(logs).interval, log(rate))]
        case .compareRatio:
            // Statistic a_i = 2·exp(u_i + e_i), b_i = exp(u_i + e'_i): u_i is shared by seed i (common random
            // numbers), e and e' are the noise model's independent deviations (σ = 0.3 between seeds).
            let shared = noise.marginal(n, sigma: 0.3, &stream)
            let ea = noise.marginal(n, sigma: 0.3, &stream), eb = noise.marginal(n, sigma: 0.3, &stream)
            let truth = Foundation.log(2.0)
            var logRatios = [Double]()
            for i in 0..<n {
                let a = truth + shared[i] + ea[i], b = shared[i] + eb[i]
                logRatios.append(a - b)
            }
            // The mean log ratio is log 2 for every noise model (e and e' have the same law).
            return [(try SeedSpread.of(logRatios).interval, truth)]
        case .worstSeed:
            // The worst of n seeds bounds the q-quantile from above with probability 1 − q^n; q = 0.05^{1/n}.
            let values = noise.marginal(n, sigma: 1, &stream)
            let q = pow(0.05, 1 / Double(n))
            let quantile = noise == .multiplicative ? chiSquareLogQuantile(q) : normalQuantileOfMarginal(q, noise)
            return [(Interval(low: -.infinity, high: values.max()!), quantile)]
        case .scaling:
            // log statistic = c + α log v + e over v ∈ {2, 4, 8, 16}, each point an independent run.
            let v = [2.0, 4, 8, 16].map { log($0) }
            let e = noise.marginal(4, sigma: 0.2, &stream)
            let y = zip(v, e).map { -1 * $0 + $1 }
            let fit = try SerialRegression.fit(.line, x: v, y: y, start: [0, 0], phi: 0, fit: "calibration")
            let t = StatisticalQuantiles.twoSidedT(level: 0.95, degreesOfFreedom: 2)
            let half = t * fit.standardErrors[1]
            return [(Interval(low: fit.parameters[1] - half, high: fit.parameters[1] + half), -1)]
        case .excessFit, .excessExponent:
            let fit = try ExcessFit.fit(excessCells(noise, seeds: n, &stream), factor: 1.5, resamples: excessResamples, seed: stream.next())
            return [(fit.alpha.interval, excessTruth[1]), (fit.a.interval, -excessTruth[2] / excessTruth[1])]
        }
    }

    /// The excess fit's truth (log C, α, β, γ) = (0, 3/2, −1, 1/2): τ* ∝ T^{2/3} p^{−1/3}, the seed's exponents.
    public static let excessTruth = [0, 1.5, -1, 0.5]
    /// Seeds per synthetic excess study and bootstrap resamples per fit (400 keep the percentile's Monte Carlo
    /// error small against the interval and 200 replications of the calibration within a minute).
    static let excessSeeds = 32, excessResamples = 400

    /// A synthetic τ study with the excess of `excessTruth`: cells T ∈ {1000, 4000, 16000} × p ∈ {2, 8, 32},
    /// τ ∈ {1, 2, 4, …, 1024} (τ ≤ T) and error e_{js} = m_j·exp(u_s + v_{js}) for seed s at τ_j, with
    /// m_j = 1 + C (τ_j − 1)^α T^β p^γ, u_s shared by all τ of a seed (common
    /// random numbers; `noise`'s marginal law, σ = 0.4) and v_{js} its own (σ = 0.2; for `chi2-10` both are
    /// log χ²₁₀/10, SD 0.46). u and v have one law at every τ, so the ratio of means is r exactly. The excess
    /// then spans 6·10⁻⁵ to 46 and its standard error over 32 seeds is ≈ 0.05: realistic seed noise for a
    /// final error (a squared norm of a Gaussian error in 10 dimensions has CV 0.45).
    public static func excessCells(_ noise: Noise, seeds n: Int, _ stream: inout RandomStream) -> [ExcessFit.Cell] {
        var cells = [ExcessFit.Cell]()
        for T in [1000.0, 4000, 16000] {
            for p in [2.0, 8, 32] {
                let taus = (0...10).map { pow(2, Double($0)) }.filter { $0 <= T }
                let shared = noise.marginal(n, sigma: 0.4, &stream)
                let errors = taus.map { tau -> [Double] in
                    let m = tau == 1 ? 1 : 1 + exp(excessTruth[0] + excessTruth[1] * log(tau - 1) + excessTruth[2] * log(T) + excessTruth[3] * log(p))
                    return zip(shared, noise.marginal(n, sigma: 0.2, &stream)).map { m * exp($0 + $1) }
                }
                cells.append(ExcessFit.Cell(T: T, p: p, taus: taus, errors: errors))
            }
        }
        return cells
    }

    /// The q-quantile of a marginal N(0, 1) deviation (the AR(1) draws are stationary with SD 1 here;
    /// the heteroskedastic model's first value has SD 1/2).
    static func normalQuantileOfMarginal(_ q: Double, _ noise: Noise) -> Double {
        StatisticalQuantiles.normal(q) * (noise == .heteroskedastic ? 0.5 : 1)
    }

    /// The q-quantile of log(χ²₁₀/10).
    static func chiSquareLogQuantile(_ q: Double) -> Double { log(StatisticalQuantiles.chiSquare(q, degreesOfFreedom: 10) / 10) }

    /// Clopper–Pearson interval of a binomial proportion k/n at 95%: Beta quantiles.
    public static func clopperPearson(_ k: Int, _ n: Int) -> Interval {
        let low = k == 0 ? 0 : StatisticalQuantiles.beta(0.025, Double(k), Double(n - k + 1))
        let high = k == n ? 1 : StatisticalQuantiles.beta(0.975, Double(k + 1), Double(n - k))
        return Interval(low: low, high: high)
    }
}
