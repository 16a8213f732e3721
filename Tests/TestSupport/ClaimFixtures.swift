import Foundation

/// Claim texts shared by the claims tests and the end-to-end tests.
public enum ClaimFixtures {
    /// GD with 1/L on the worst-case quadratic (κ = 10, two problem seeds, two run seeds): the rate of
    /// ‖x − x*‖² is exactly (1 − μ/L)² = 0.81, checked to 1e-6. Lines: problem 4, run 5, the check 10.
    public static let gdRate = """
    title: GD rate
    source: classic
    statement: GD contracts.
    problem: {name: quadratic, dimension: 6, kappa: 10, spacing: worst-case}
    run: {algorithm: sgd-allreduce, steps: 60, lr: 1/L, every: 1}
    sweep:
      problem.seed: [1, 2]
    seeds: 2
    checks:
      - {kind: geometric-rate, metric: dist_sq, expected: (1 - mu/L)^2, tolerance: 1e-6, skip: 1}
    """

    /// `gdRate` claiming the wrong rate (1 − 2μ/L)² = 0.64: both rows FAIL.
    public static let gdWrongRate = gdRate.replacingOccurrences(of: "expected: (1 - mu/L)^2", with: "expected: (1 - 2*mu/L)^2")
}
