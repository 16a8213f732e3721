import Foundation

/// Runs the built `ratelab` binary for end-to-end tests.
public enum CLI {
    /// What one invocation produced.
    public struct Outcome {
        /// The exit status.
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The package root (three levels above this file: Tests/TestSupport/CLI.swift).
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The `ratelab` binary built next to the test bundle (`.build/<config>/ratelab`), else in
    /// `.build/debug` or `.build/release` under the package root.
    public static func binary() throws -> URL {
        let besideBundle = Bundle.main.bundleURL
        let candidates = [besideBundle, besideBundle.deletingLastPathComponent()].map { $0.appendingPathComponent("ratelab") }
            + ["debug", "release"].map { root.appendingPathComponent(".build/\($0)/ratelab") }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: candidates.map(\.path).joined(separator: ", ")])
        }
        return found
    }

    /// A started `ratelab` process whose output goes to temporary files.
    public struct Running {
        public let process: Process
        let outPath: String
        let errPath: String
        let handles: [FileHandle]

        /// Waits for the exit and returns the status and both streams (the temporary files are removed).
        public func finish() throws -> Outcome {
            process.waitUntilExit()
            for handle in handles { try handle.close() }
            defer {
                try? FileManager.default.removeItem(atPath: outPath)
                try? FileManager.default.removeItem(atPath: errPath)
            }
            return Outcome(status: process.terminationStatus,
                           stdout: try String(contentsOfFile: outPath, encoding: .utf8),
                           stderr: try String(contentsOfFile: errPath, encoding: .utf8))
        }
    }

    /// Runs `ratelab arguments` in the package root and waits for it (`start`, then `finish`).
    public static func run(_ arguments: [String], environment: [String: String] = [:], unset: [String] = []) throws -> Outcome {
        try start(arguments, environment: environment, unset: unset).finish()
    }

    /// Starts `ratelab arguments` in the package root, with `environment` added to (or overriding) the
    /// test's own environment and the variables in `unset` removed from it. Output goes through temporary
    /// files, so neither stream can block the other.
    public static func start(_ arguments: [String], environment: [String: String] = [:], unset: [String] = []) throws -> Running {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        process.currentDirectoryURL = root
        var variables = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        for name in unset { variables[name] = nil }
        process.environment = variables
        let scratch = temporaryPath("cli-output")
        let outPath = scratch + ".out", errPath = scratch + ".err"
        for path in [outPath, errPath] where !FileManager.default.createFile(atPath: path, contents: nil) {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return Running(process: process, outPath: outPath, errPath: errPath, handles: [out, err])
    }

    /// A fresh path in the temporary directory, `ratelab-<stem>-<UUID>` (nothing is created).
    public static func temporaryPath(_ stem: String, extension ext: String = "") -> String {
        NSTemporaryDirectory() + "ratelab-\(stem)-\(UUID().uuidString)" + (ext.isEmpty ? "" : ".\(ext)")
    }
}
