import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes whole files atomically: the bytes go to `"<path>.tmp-<pid>-<call>"` in the same directory,
/// which is then renamed over `path` (rename(2) is atomic within a file system). `<call>` numbers the
/// writes of this process, so concurrent writes of the same path (e.g. from parallel threads) each
/// use their own temporary file; the last rename wins.
///
/// A reader therefore sees either the old file or the complete new one, never a partial write, and
/// if the process dies or the write fails, the file already at `path` is left untouched. Parent
/// directories are created as needed.
public enum AtomicFile {
    /// The number of writes started by this process: makes each temporary file name unique.
    private static let writesStarted = Atomic<Int>(0)

    /// Writes `data` to `path` atomically, creating missing parent directories.
    /// Throws `ReportError.io` naming the path, the failed step and the system's reason.
    public static func write(_ data: Data, to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw ReportError.io(path: path, step: "create directory '\(directory)'", reason: "\(error.localizedDescription)")
            }
        }
        let call = writesStarted.wrappingAdd(1, ordering: .relaxed).oldValue
        let temporary = "\(path).tmp-\(getpid())-\(call)"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw ReportError.io(path: path, step: "open '\(temporary)'", reason: systemReason())
        }
        do {
            try writeAll(data, to: descriptor, temporary: temporary, path: path)
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        guard close(descriptor) == 0 else {
            let reason = systemReason()
            unlink(temporary)
            throw ReportError.io(path: path, step: "close '\(temporary)'", reason: reason)
        }
        guard rename(temporary, path) == 0 else {
            let reason = systemReason()
            unlink(temporary)
            throw ReportError.io(path: path, step: "rename '\(temporary)' over it", reason: reason)
        }
    }

    /// Writes `text` encoded as UTF-8 to `path` atomically (see `write(_:to:)` for `Data`).
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// Writes every byte of `data` to `descriptor`, retrying short writes and EINTR.
    private static func writeAll(_ data: Data, to descriptor: Int32, temporary: String, path: String) throws {
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw ReportError.io(path: path, step: "write '\(temporary)'", reason: systemReason())
                }
                offset += written
            }
        }
    }

    /// The strerror text of the current `errno`.
    private static func systemReason() -> String { String(cString: strerror(errno)) }
}

/// write(2), named apart from `AtomicFile.write` so that the call inside the type is unambiguous.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
