import Foundation

/// A configuration value written as one short string (a topology name, a compute distribution, a loss
/// model), e.g. `"erdos-renyi:0.2"`. `description` gives the canonical string and `init(parsing:)`
/// reads it back, so that `T(parsing: x.description) == x`.
///
/// Conforming types are `Codable` as that single string, which keeps claim files and JSON sidecars
/// readable: a value encodes as `"exp:1.0"`, not as a nested keyed container.
public protocol ParsableSpecification: Codable, CustomStringConvertible {
    /// Parses the canonical string form; throws an error whose `description` says what was expected.
    init(parsing text: String) throws
}

extension ParsableSpecification {
    /// Decodes the single string and parses it; a parse error becomes `DecodingError.dataCorrupted` carrying its message.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(error)")
        }
    }

    /// Encodes `description` as a single string.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Splits a specification string at `:` after trimming white space and lower-casing it:
    /// `"LogNormal:1:0.5"` → `["lognormal", "1", "0.5"]`.
    public static func specificationFields(_ text: String) -> [String] {
        text.trimmingCharacters(in: .whitespaces).lowercased()
            .split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    }
}
