import Foundation
import RateLab
import TestSupport
@testable import RateLabClaims
import XCTest

/// Figure data: claims without checks, and the across-seed aggregate CSV.
final class FigureDataTests: XCTestCase {
    /// Stochastic local SGD (minibatch 1, gradient noise) over two periods τ and three seeds: the seeds'
    /// trajectories differ, so the aggregate has a spread to summarise.
    static let figure = """
    title: Local SGD gap for two periods
    source: figure only
    statement: the gap of local SGD for τ = 1 and τ = 4
    problem: {name: quadratic, dimension: 5, kappa: 10, noise: 0.5, workers: 2}
    run: {algorithm: local-sgd, steps: 40, lr: 0.05, batch: 1, every: 10}
    sweep: {run.tau: [1, 4]}
    seeds: 3
    """

    func testClaimWithoutChecksIsAFigureClaim() throws {
        for text in [Self.figure, Self.figure + "\nchecks: []\n"] {
            let claim = try ClaimParser.parse(text: text, file: "fig.yaml")
            XCTAssertTrue(claim.isFigureOnly)
            XCTAssertEqual(claim.plot.metric, .gap, "a figure claim plots the gap by default")
            let outcome = try ClaimRunner(threads: 2).check(claim)
            XCTAssertEqual(outcome.status, .figureOnly)
            XCTAssertEqual(outcome.status.name, "FIGURE")
            let gate = GateResult(outcomes: [outcome])
            XCTAssertEqual(gate.exitStatus, 0, "a figure claim has nothing to fail")
            XCTAssert(gate.closingLine.contains("FIGURE (1, no checks)"), gate.closingLine)
        }
    }

    func testFigureClaimRefusesControlsAndNonListChecks() throws {
        let controls = Self.figure + "\ncontrols:\n  - {name: c, why: w, run: {lr: 0.1}}\n"
        XCTAssertThrowsError(try ClaimParser.parse(text: controls, file: "fig.yaml")) { error in
            XCTAssert("\(error)".contains("nothing for a control to contradict"), "\(error)")
        }
        XCTAssertThrowsError(try ClaimParser.parse(text: Self.figure + "\nchecks: gap\n", file: "fig.yaml")) { error in
            XCTAssert("\(error)".contains("'checks' must be a list"), "\(error)")
        }
    }

    /// Every aggregate row restates the seeds' values of its (τ, iteration, metric) from the runs:
    /// n, mean, median and geometric mean recomputed here, and the interval of the geometric mean
    /// (t-interval of mean log, exponentiated) contains it.
    func testAggregateSummarisesTheSeedsOfEachPointAndCheckpoint() throws {
        let claim = try ClaimParser.parse(text: Self.figure, file: "fig.yaml")
        let data = try ClaimRunner(threads: 2).run(claim)
        let csv = AggregateCSV.document(data).text
        let lines = csv.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[0], "claim,run.tau,iteration,sim_time,metric,n,mean,geomean,median,geomean_low,geomean_high")
        // 2 grid points × 5 checkpoints (0, 10, …, 40) × 4 metrics.
        XCTAssertEqual(lines.count, 1 + 2 * 5 * 4)
        let row = try XCTUnwrap(lines.first { $0.hasPrefix("fig,4,30,") && $0.contains(",gap,") }).split(separator: ",")
        let seeds = data.points[1].runs.map { $0.result.checkpoints[3].gap }
        XCTAssertEqual(Set(seeds).count, 3, "the seeds' runs differ")
        XCTAssertEqual(Int(row[5]), 3)
        // Recomputed in the same order, the sums round identically: equal to the last bit.
        XCTAssertEqual(Double(row[6]), seeds.reduce(0, +) / 3)
        XCTAssertEqual(Double(row[8]), seeds.sorted()[1])
        let geomean = try XCTUnwrap(Double(row[7]))
        XCTAssertEqual(geomean, exp(seeds.map { log($0) }.reduce(0, +) / 3), accuracy: 1e-14 * geomean)
        let low = try XCTUnwrap(Double(row[9])), high = try XCTUnwrap(Double(row[10]))
        XCTAssert(low < geomean && geomean < high && seeds.min()! < high, "[\(low), \(high)] ∌ \(geomean)")
        // consensus at iteration 0 is 0: no geometric mean and no interval (empty cells), the mean is 0.
        let start = try XCTUnwrap(lines.first { $0.hasPrefix("fig,1,0,") && $0.contains(",consensus,") })
        XCTAssertEqual(start, "fig,1,0,0.0,consensus,3,0.0,,0.0,,")
    }

    /// One seed: n = 1, no interval.
    func testSingleSeedHasNoInterval() {
        let s = SeedAggregate([2.0], level: 0.95)
        XCTAssertEqual(s.n, 1)
        XCTAssertEqual(s.geometricMean, 2.0)
        XCTAssertNil(s.interval)
    }

    /// GD on a tiny quadratic over `sweep` (one seed, 5 steps): a fast grid of many points.
    private func manyPoints(_ sweep: String) throws -> ClaimData {
        let text = """
        title: many curves
        source: test
        statement: every grid point is drawn
        problem: {name: quadratic, dimension: 3, kappa: 10}
        run: {algorithm: sgd-allreduce, steps: 5, lr: 0.1}
        sweep: \(sweep)
        """
        return try ClaimRunner(threads: 2).run(try ClaimParser.parse(text: text, file: "many.yaml"))
    }

    /// 12 points on one axis: two plots (8 + 4 curves), each curve in exactly one, each .tex beside its
    /// SVG with one legend entry per curve, reading aggregate.csv.
    func testManyCurvesAreSplitIntoFacetsNotDropped() throws {
        let data = try manyPoints("{run.lr: [0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.1, 0.11, 0.12]}")
        let dir = NSTemporaryDirectory() + "ratelab-figures-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = try ClaimReports.writeFigureData(data, rows: [], to: dir)
        XCTAssertEqual(files, ["plot.svg", "plot-2.svg"])
        let svgs = try files.map { try String(contentsOfFile: "\(dir)/\($0)", encoding: .utf8) }
        for lr in ["0.01", "0.02", "0.03", "0.04", "0.05", "0.06", "0.07", "0.08", "0.09", "0.1", "0.11", "0.12"] {
            XCTAssertEqual(svgs.filter { $0.contains(">run.lr=\(lr)</text>") }.count, 1, "lr \(lr) is in exactly one plot")
        }
        XCTAssert(svgs[0].contains("(1 of 2)") && svgs[1].contains("(2 of 2)"))
        for (svg, curves) in zip(["plot", "plot-2"], [8, 4]) {
            let tex = try String(contentsOfFile: "\(dir)/\(svg).tex", encoding: .utf8)
            XCTAssertEqual(tex.components(separatedBy: "\\addlegendentry").count - 1, curves)
            XCTAssertEqual(tex.components(separatedBy: "{aggregate.csv}").count - 1, curves, "one seed: no band")
            XCTAssert(tex.contains("ratelab select={metric}{gap}, ratelab select={run.lr}{0.0"), tex)
        }
    }

    /// Two axes (3 × 4 points): one facet per value of the first axis, curves named by the second.
    func testTwoAxesFacetByTheFirst() throws {
        let data = try manyPoints("{problem.kappa: [2, 10, 50], run.lr: [0.01, 0.02, 0.03, 0.04]}")
        let figures = ClaimFigures(data, rows: [])
        XCTAssertEqual(figures.facets.map(\.label), ["problem.kappa=2", "problem.kappa=10", "problem.kappa=50"])
        XCTAssertEqual(figures.facets.map(\.points.count), [4, 4, 4])
        XCTAssertEqual(figures.curveName(figures.facets[1].points[2], in: figures.facets[1]), "run.lr=0.03")
    }

    /// A check's overlays are drawn in their grid point's color: the fitted line dashed, the theory dotted.
    func testOverlaysFollowTheirPointsColor() throws {
        let claim = try ClaimParser.parse(text: ClaimFixtures.gdRate, file: "t.yaml")
        let outcome = try ClaimRunner(threads: 2).check(claim)
        let figures = ClaimFigures(outcome.data, rows: outcome.rows)
        let svg = figures.svg(figures.facets[0]).render()
        let second = SVGPlot.palette[1]
        XCTAssert(svg.contains("stroke=\"\(second)\" stroke-width=\"1.75\" stroke-linejoin=\"round\" stroke-dasharray=\"6 4\""), "fit of point 2")
        XCTAssert(svg.contains("stroke=\"\(second)\" stroke-width=\"1.75\" stroke-linejoin=\"round\" stroke-dasharray=\"1.5 3\""), "theory of point 2")
        XCTAssert(svg.contains("theory ρ = 0.81") || svg.contains("ρ = 0.81"), "the reference rate is in the legend")
    }
}
