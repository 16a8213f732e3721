import Foundation

/// The text of a data file, checked before it is parsed: a regular file (not a FIFO, device or
/// directory) of at most `ProblemLimits.maxFileBytes`, UTF-8, no NUL byte; a UTF-8 byte-order mark is
/// dropped and lines may end in LF, CRLF or CR.
enum TextInput {
    /// The text of the file at `path`; throws `DataError.unreadable` saying why not.
    static func read(path: String) throws -> String {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw DataError.unreadable(file: path, reason: String(cString: strerror(errno)))
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw DataError.unreadable(file: path, reason: "not a regular file (a directory, FIFO or device), expected a data file")
        }
        guard info.st_size <= ProblemLimits.maxFileBytes else {
            throw DataError.tooLarge(file: path, what: "\(info.st_size) bytes", limit: "at most \(ProblemLimits.maxFileBytes) bytes")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError.unreadable(file: path, reason: String(cString: strerror(errno)))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let valid = String(decoding: data, as: UTF8.self)
            let line = (valid.prefix { $0 != "\u{FFFD}" }.filter(\.isNewline).count) + 1
            throw DataError.unreadable(file: "\(path):\(line)", reason: "not UTF-8 text")
        }
        return text
    }

    /// The lines of `text` without their ends (LF, CRLF or CR; a leading byte-order mark dropped).
    /// A NUL byte is an error naming `source` and its line: text after it would otherwise be lost
    /// by tools that read the file as C strings.
    static func lines(_ text: String, source: String) throws -> [Substring] {
        let body = text.first == "\u{FEFF}" ? text.dropFirst() : Substring(text)
        let lines = body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        if body.utf8.contains(0), let k = lines.firstIndex(where: { $0.utf8.contains(0) }) {
            throw DataError.nulByte(file: source, line: k + 1)
        }
        return lines
    }
}
