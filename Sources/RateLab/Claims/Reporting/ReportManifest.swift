import Foundation
import RateLabReports

/// `<reports>/manifest.txt`: the files one `ratelab check` wrote, with their sizes and FNV-1a 64 hashes,
/// written last. It is removed before the first report file is written, so a reader who finds it knows the
/// set is whole and of one run (each file is itself written atomically); a run that was killed midway
/// leaves no manifest, and `verify` tells a mixed or damaged set from a complete one.
///
///     # ratelab reports of one check run; written last
///     <size in bytes>  <hash, 16 hex digits>  <path relative to the reports directory>
public enum ReportManifest {
    public static let name = "manifest.txt"

    /// Removes the manifest of the previous run (before anything is written).
    static func invalidate(_ directory: String) {
        try? FileManager.default.removeItem(atPath: "\(directory)/\(name)")
    }

    /// Writes the manifest of `files` (paths relative to `directory`).
    static func write(_ directory: String, files: [String]) throws {
        var lines = ["# ratelab reports of one check run; written last"]
        for file in files.sorted() {
            guard let data = FileManager.default.contents(atPath: "\(directory)/\(file)") else { continue }
            lines.append("\(data.count)  \(hex(FNV1a.hash(data)))  \(file)")
        }
        try AtomicFile.write(lines.joined(separator: "\n") + "\n", to: "\(directory)/\(name)")
    }

    /// The files of the manifest in `directory` that are missing or differ from it; nil when there is no
    /// manifest (the set is incomplete: a run is in progress or was killed).
    public static func verify(_ directory: String) -> [String]? {
        guard let text = try? String(contentsOfFile: "\(directory)/\(name)", encoding: .utf8) else { return nil }
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line -> String? in
            let parts = line.split(separator: " ", maxSplits: 4, omittingEmptySubsequences: true)
            guard parts.count == 3 else { return String(line) }
            let file = String(parts[2])
            guard let data = FileManager.default.contents(atPath: "\(directory)/\(file)"),
                  "\(data.count)" == parts[0], hex(FNV1a.hash(data)) == parts[1] else { return file }
            return nil
        }
    }

    private static func hex(_ v: UInt64) -> String {
        let digits = String(v, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
