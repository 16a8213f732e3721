/// Why `ratelab bench` could not measure a workload.
enum BenchError: Error, CustomStringConvertible {
    /// `--workload` named no workload.
    case unknownWorkload(String, known: [String])
    /// A child process (the RateLab child or the NumPy peer) exited with a non-zero status.
    case childFailed(command: String, status: Int32)
    /// A child process printed no line that decodes as its JSON result.
    case unreadableOutput(command: String, output: String)
    /// A workload run ended early (diverged), so its throughput would not be comparable.
    case runDidNotComplete(workload: String, status: String)

    var description: String {
        switch self {
        case let .unknownWorkload(id, known):
            return "bench: --workload '\(id)' is not a workload; expected one of \(known.joined(separator: ", "))"
        case let .childFailed(command, status):
            return "bench: '\(command)' exited with status \(status) (its error output is above)"
        case let .unreadableOutput(command, output):
            return "bench: '\(command)' printed no JSON result line; its output was: \(output.isEmpty ? "(nothing)" : output)"
        case let .runDidNotComplete(workload, status):
            return "bench: workload \(workload) did not complete (\(status)); its timing is not comparable"
        }
    }
}
