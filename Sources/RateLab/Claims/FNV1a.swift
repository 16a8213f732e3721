import Foundation

/// The 64-bit FNV-1a hash: a fast, stable fingerprint of bytes (cache keys; not cryptographic).
enum FNV1a {
    static func hash<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xcbf29ce484222325
        for b in bytes { hash = (hash ^ UInt64(b)) &* 0x100000001b3 }
        return hash
    }

    /// The same hash of `data`, read through its contiguous storage: the executable's and data files'
    /// megabytes hash several times faster than through `Data`'s iterator.
    static func hash(_ data: Data) -> UInt64 {
        data.withUnsafeBytes { hash($0) }
    }
}
