/// The theories that predict how the largest useful averaging period τ* of local SGD scales,
/// τ* ∝ T^a p^b (T local steps per worker, p workers). All are sufficient conditions from upper bounds:
/// a measured τ* above a prediction makes it conservative, a measured exponent outside its joint
/// interval rules the prediction out as a description of this problem.
struct TauTheories {
    let name: String
    /// (a, b).
    let exponents: [Double]

    /// Stich 2019, local SGD, strongly convex, i.i.d.: τ ≲ √(T/p).
    static let stich = TauTheories(name: "Stich 2019", exponents: [1.0 / 2, -1.0 / 2])
    /// Haddadpour et al. 2019 (the seed paper), PL, i.i.d.: τ ≲ T^{2/3}/p^{1/3}.
    static let seed = TauTheories(name: "Haddadpour et al. 2019", exponents: [2.0 / 3, -1.0 / 3])
    /// Khaled et al. 2020 / Spiridonoff et al. 2021, i.i.d.: O(p) rounds suffice, τ ≈ T/p.
    static let fewRounds = TauTheories(name: "Khaled et al. 2020 / Spiridonoff et al. 2021", exponents: [1, -1])
    /// Koloskova et al. 2020, heterogeneous: τ ∝ (σ/ζ)·√(T/p).
    static let heterogeneous = TauTheories(name: "Koloskova et al. 2020 (heterogeneous)", exponents: [1.0 / 2, -1.0 / 2])

    /// The rows of the theories table, in order.
    static let all = [stich, seed, fewRounds, heterogeneous]
}
