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

    /// A small adaptive τ study (tau-scaling with `best-over: run.lr` and `refine: 2`) on the heterogeneous
    /// quadratic, where every τ* is finite: 2 steps × 2 T × 2 p × 5 τ = 40 grid points of 8 seeds, and each of the two rounds
    /// adds 8 points (≈ 0.5 s). Expected to FAIL (XFAIL), so a CLI run of it exits 0.
    public static let adaptiveTau = """
    title: adaptive tau
    source: test
    statement: τ* on an adaptive grid.
    problem: {name: quadratic, dimension: 4, kappa: 4, zeta: 1, noise: 1, hessian-spread: 0.9}
    run: {algorithm: local-sgd, batch: 1, every: 200}
    sweep:
      run.lr: ["inv:4/mu:4*kappa", "inv:2/mu:4*kappa"]
      run.steps: [400, 1600]
      problem.workers: [2, 4]
      run.tau: ["1", "4", "16", "64", "T"]
    seeds: 8
    expect: fail
    reason: four cells cannot confirm the τ = 1 regime, and the theory's τ exceeds τ* here (a test claim)
    checks:
      - {kind: tau-scaling, name: τ*, factor: 1.5, best-over: run.lr, refine: 2}
    """
}
