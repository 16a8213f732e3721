import Foundation

/// The sizes and magnitudes RateLab accepts for a problem and its data file, checked before anything
/// is allocated (see README, "Limits"). Input beyond them is refused with the limit it exceeds (exit 2).
public enum ProblemLimits {
    /// Largest data file read, in bytes (1 GiB).
    public static let maxFileBytes = 1 << 30
    /// Largest dimension d of any problem (a data file's largest feature index): the certificates
    /// factor d × d matrices (O(d³) work), which must stay seconds, not hours.
    public static let maxDimension = 2_000
    /// Largest number of workers p.
    public static let maxWorkers = 4_096
    /// Largest number of rows per worker of a synthetic problem, and of hidden units.
    public static let maxCount = 1_000_000
    /// Largest |value| of a feature or label. Larger values overflow the squares and Gram sums the
    /// certificates are made of, or leave them without any precision; rescale such columns.
    public static let maxMagnitude = 1e12
    /// Largest number of cells n × d of the dense feature matrix: 2²⁸ (2 GiB of doubles), and at most
    /// an eighth of the memory available now (the matrix is copied while a problem is built).
    public static var maxCells: Int {
        min(1 << 28, availableMemoryBytes() / (8 * MemoryLayout<Double>.size))
    }

    /// Refuses an n × d matrix beyond `maxCells` (the product is checked without overflow).
    static func checkCells(rows: Int, columns: Int, file: String) throws {
        guard !exceedsCells(rows, columns) else {
            throw DataError.tooLarge(file: file, what: "\(rows) rows × \(columns) features",
                                     limit: "at most \(maxCells) cells (2^28, and an eighth of the available memory)")
        }
    }

    /// Whether the product of `factors` (each ≥ 0) exceeds `maxCells`, overflow included.
    static func exceedsCells(_ factors: Int...) -> Bool {
        var product = 1
        for f in factors {
            let (next, overflow) = product.multipliedReportingOverflow(by: f)
            if overflow { return true }
            product = next
        }
        return product > maxCells
    }

    /// MemAvailable from /proc/meminfo, else the physical memory.
    private static func availableMemoryBytes() -> Int {
        if let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
           let line = text.split(separator: "\n").first(where: { $0.hasPrefix("MemAvailable:") }),
           let kib = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) {
            return kib * 1024
        }
        return Int(clamping: ProcessInfo.processInfo.physicalMemory)
    }
}
