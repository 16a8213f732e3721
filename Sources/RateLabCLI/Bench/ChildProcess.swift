import Foundation

/// Runs a program as a child process and decodes the JSON line it prints last.
///
/// The child's standard error is inherited (its messages reach the terminal); its standard output
/// is captured whole, then the last non-empty line is decoded.
enum ChildProcess {
    /// Runs `executable arguments…` with `environment` added to this process's, waits for it, and
    /// decodes its last output line as `T`. Throws `BenchError` when it fails or prints no such line.
    static func runDecoding<T: Decodable>(
        _ type: T.Type, executable: String, arguments: [String], environment: [String: String] = [:]
    ) throws -> T {
        let command = ([executable] + arguments).joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchError.childFailed(command: command, status: process.terminationStatus)
        }
        let text = String(decoding: data, as: UTF8.self)
        guard let line = text.split(separator: "\n").last(where: { !$0.isEmpty }),
              let value = try? JSONDecoder().decode(T.self, from: Data(line.utf8))
        else { throw BenchError.unreadableOutput(command: command, output: text) }
        return value
    }

    /// The absolute path of `name` on $PATH (or `name` itself when it contains a slash).
    static func locate(_ name: String) -> String {
        if name.contains("/") { return name }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return name
    }
}
