import Foundation

/// JSON metadata files written next to CSV and SVG outputs (versions, parameters, seed, git commit).
///
/// Output is pretty-printed with sorted keys and a trailing newline, so the bytes depend only on the
/// value. Non-finite numbers are written as the strings "nan", "inf", "-inf" (the CSV spelling),
/// since JSON has no literal for them.
public enum JSONSidecar {
    /// Writes `value` as JSON to `path` atomically (see `AtomicFile`).
    public static func write<T: Encodable>(_ value: T, to path: String) throws {
        try AtomicFile.write(try encode(value), to: path)
    }

    /// `value` as pretty-printed JSON text with sorted keys, ending in "\n".
    /// Throws `ReportError.jsonEncoding` if the encoder rejects the value.
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let data: Data
        do {
            data = try encoder.encode(value)
        } catch {
            throw ReportError.jsonEncoding(reason: "\(error)")
        }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Reads what `encode` wrote, with "nan", "inf" and "-inf" back as non-finite numbers.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(type, from: data)
    }
}
