import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes whole files atomically and safely: the bytes go to a fresh temporary file in the target's
/// directory (`TemporaryName`), created exclusively (`O_CREAT | O_EXCL | O_NOFOLLOW`, so a planted
/// file or link is never opened), which is then renamed over `path` (rename(2) is atomic within a
/// file system). Concurrent writes of one path each use their own temporary; the last rename wins.
///
/// A reader therefore sees either the old file or the complete new one, never a partial write, and
/// if the process dies or the write fails, the file already at `path` is left untouched. Parent
/// directories are created as needed. Links are never followed: a `path` that exists and is not a
/// regular file (a link, device, FIFO or directory), or whose directory is a symbolic link, is
/// refused. The first write to a directory removes RateLab's stale temporaries there
/// (`TemporaryName.isStale`), left by a run that was killed.
public enum AtomicFile {
    /// Directories already swept for stale temporaries by this process.
    private static let swept = Mutex<Set<String>>([])

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
        try checkTarget(path)
        sweepOnce(directory.isEmpty ? "." : directory)
        let (temporary, descriptor) = try createTemporary(for: path)
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

    /// Refuses a `path` whose directory is a symbolic link, or that exists but is not a regular file:
    /// what `write` checks first, for callers that want to refuse a target before computing its content.
    public static func checkTarget(_ path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        var info = stat()
        if !directory.isEmpty, lstat(directory, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
            throw ReportError.io(path: path, step: "check '\(directory)'",
                                 reason: "it is a symbolic link; RateLab does not write through links (remove it)")
        }
        if lstat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            throw ReportError.io(path: path, step: "check the target",
                                 reason: "it exists and is not a regular file (a link, device, FIFO or directory); refusing to replace it")
        }
    }

    /// A new temporary file next to `path`, opened exclusively for writing (a few names are tried).
    private static func createTemporary(for path: String) throws -> (path: String, descriptor: Int32) {
        for _ in 0..<8 {
            let temporary = TemporaryName.make(for: path)
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if descriptor >= 0 { return (temporary, descriptor) }
            if errno != EEXIST { throw ReportError.io(path: path, step: "create '\(temporary)'", reason: systemReason()) }
        }
        throw ReportError.io(path: path, step: "create a temporary file", reason: "every name tried already exists")
    }

    /// Removes the stale temporaries in `directory`, the first time this process writes there.
    private static func sweepOnce(_ directory: String) {
        guard swept.withLock({ $0.insert(directory).inserted }) else { return }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in names {
            let file = (directory as NSString).appendingPathComponent(name)
            if TemporaryName.isStale(file) { unlink(file) }
        }
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
