import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The names of `AtomicFile`'s temporaries: `<path>.ratelab-tmp-<pid>-<16 random hex digits>`, and
/// which of them are stale (left by a run that died).
enum TemporaryName {
    /// The marker between the target's name and the owner's process id.
    static let marker = ".ratelab-tmp-"
    /// When this process started using temporaries (a stale file is older than this).
    private static let processStart = Date()

    /// A fresh, unpredictable temporary name for `path` (in the same directory).
    static func make(for path: String) -> String {
        return path + marker + "\(getpid())-" + String(format: "%016llx", UInt64.random(in: .min ... .max))
    }

    /// The process id in a temporary `name`, or nil when `name` does not follow `make`'s pattern.
    static func owner(of name: String) -> Int32? {
        guard let range = name.range(of: marker, options: .backwards) else { return nil }
        let fields = name[range.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
        guard fields.count == 2, fields[1].count == 16, fields[1].allSatisfy(\.isHexDigit), let pid = Int32(fields[0]) else {
            return nil
        }
        return pid
    }

    /// Whether `file` is a stale temporary: a regular file following the pattern, owned by another
    /// process that is no longer running, and last modified before this process started.
    static func isStale(_ file: String) -> Bool {
        guard let pid = owner(of: (file as NSString).lastPathComponent), pid != getpid() else { return false }
        guard kill(pid, 0) != 0, errno == ESRCH else { return false }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file),
              attributes[.type] as? FileAttributeType == .typeRegular,
              let modified = attributes[.modificationDate] as? Date else { return false }
        return modified < processStart
    }
}
