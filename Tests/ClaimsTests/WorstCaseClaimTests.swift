import XCTest
@testable import RateLabClaims
import RateLab

/// The tight sublinear claim: `steps: N` follows a sweep over the Huber horizon, and `threshold` with
/// `expected:` compares the final gap with L·R²/(4N+2) per point.
final class WorstCaseClaimTests: XCTestCase {
    private static let claim = """
    title: t
    source: s
    statement: s
    problem: {name: huber-worst-case, L: 2, radius: 3, horizon: 1}
    run: {algorithm: sgd-allreduce, steps: N, lr: 1/L, every: 1}
    sweep: {problem.horizon: [1, 4, 30]}
    checks:
      - {kind: threshold, metric: gap, expected: L*R^2/(4*N+2), tolerance: 1e-9}
    """

    private func outcome(_ text: String) throws -> ClaimOutcome {
        try ClaimRunner(threads: 1).check(try ClaimParser.parse(text: text, file: "t.yaml"))
    }

    /// L = 2, R = 3: the final gaps are 18/6, 18/18, 18/122 to 1e-9 (measured: rounding only, ~1e-15);
    /// the worst point decides one row.
    func testFinalGapEqualsTheBoundAtEveryHorizon() throws {
        let o = try outcome(WorstCaseClaimTests.claim)
        XCTAssertEqual(o.verdict, .pass, ClaimReports.summary(GateResult(outcomes: [o])))
        XCTAssertEqual(o.rows.count, 1)
        XCTAssert([3.0, 1.0, 18.0 / 122].contains { abs(o.rows[0].outcome.measured - $0) <= 1e-12 * $0 }, "\(o.rows[0].outcome)")
        XCTAssertGreaterThan(o.rows[0].outcome.margin!, 0.99e-9 * 18.0 / 122)
    }

    /// Negative control: the bound of the next horizon, L·R²/(4N+6), is off by ≥ 3% and fails.
    func testWrongBoundFails() throws {
        let o = try outcome(WorstCaseClaimTests.claim.replacingOccurrences(of: "L*R^2/(4*N+2)", with: "L*R^2/(4*N+6)"))
        XCTAssertEqual(o.verdict, .fail)
        XCTAssertLessThan(o.rows[0].outcome.margin!, 0)
    }

    /// `steps` as an expression must give an integer ≥ 1 on the cell's problem; N is unbound on a quadratic, and the
    /// error says so (known only once the problem is built: the grid point's ERROR).
    func testStepsExpressionIsChecked() throws {
        let text = WorstCaseClaimTests.claim
            .replacingOccurrences(of: "{name: huber-worst-case, L: 2, radius: 3, horizon: 1}", with: "{name: quadratic, dimension: 2}")
            .replacingOccurrences(of: "sweep: {problem.horizon: [1, 4, 30]}", with: "sweep: {problem.dimension: [2]}")
        let o = try outcome(text)
        XCTAssertEqual(o.verdict, .error)
        XCTAssert(o.rows.contains { $0.outcome.detail.contains("run.steps = 'N': 'N' has no value when run.steps is evaluated") },
                  "\(o.rows.map(\.outcome.detail))")
    }
}
