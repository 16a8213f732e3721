import Foundation
import RateLabReports
import RateLabVerification

/// Writes the Monte Carlo coverage table of `Calibration`:
///
///     <dir>/calibration.csv   kind, noise, phi, n, replications, covered, coverage, coverage_low,
///                             coverage_high (Clopper–Pearson 95%), mean_width, failures
///     <dir>/calibration.txt   the same as a text table
public enum CalibrationReport {
    /// The nominal level of every calibrated interval.
    public static let level = 0.95

    /// The text table (also printed by `ratelab calibrate`).
    public static func table(_ cells: [Calibration.Cell]) -> String {
        var t = TextTable(columns: ["kind", "noise", "φ", "n", "coverage", "95% CI of coverage", "mean width", "failures"],
                          title: "Coverage of nominal \(Int(level * 100))% intervals (truth inside the interval)")
        for c in cells {
            try! t.append([c.kind, c.noise, String(format: "%.2f", c.phi), "\(c.n)",
                           String(format: "%.1f%% (%d/%d)", 100 * c.coverage, c.covered, c.replications),
                           String(format: "[%.1f%%, %.1f%%]", 100 * c.coverageCI.low, 100 * c.coverageCI.high),
                           String(format: "%.4g", c.meanWidth), "\(c.failures)"])
        }
        return t.render()
    }

    /// Writes calibration.csv and calibration.txt under `directory`.
    public static func write(_ cells: [Calibration.Cell], to directory: String) throws {
        var csv = CSVDocument(columns: ["kind", "noise", "phi", "n", "replications", "covered", "coverage",
                                        "coverage_low", "coverage_high", "mean_width", "failures"])
        for c in cells {
            try csv.append([.text(c.kind), .text(c.noise), .number(c.phi), .integer(c.n), .integer(c.replications),
                            .integer(c.covered), .number(c.coverage), .number(c.coverageCI.low), .number(c.coverageCI.high),
                            .number(c.meanWidth), .integer(c.failures)])
        }
        try csv.write(to: "\(directory)/calibration.csv")
        try AtomicFile.write(table(cells), to: "\(directory)/calibration.txt")
    }
}
