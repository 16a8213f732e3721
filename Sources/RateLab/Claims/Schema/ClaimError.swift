/// A claim file that cannot be used: one message naming the file, the line and what was expected.
public struct ClaimError: Error, CustomStringConvertible, Equatable {
    public let file: String
    /// 1-based line, when known.
    public let line: Int?
    public let message: String

    public init(file: String, line: Int?, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)" }
}
