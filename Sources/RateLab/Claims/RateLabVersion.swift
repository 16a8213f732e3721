import CBuildID
import Foundation

/// The version stamp RateLab writes into every JSON sidecar.
public enum RateLabVersion {
    /// The release version of RateLab (semantic versioning).
    public static let string = "0.1.0"

    /// The git commit the tool was built from, if the environment says so (`RATELAB_GIT_COMMIT`, set
    /// by the Makefile or CI); nil otherwise. RateLab never shells out to git to find it.
    public static var gitCommit: String? {
        guard let commit = ProcessInfo.processInfo.environment["RATELAB_GIT_COMMIT"], !commit.isEmpty else { return nil }
        return commit
    }

    /// A fingerprint of the running executable, so that rebuilt code gets new cache keys even when
    /// `string` was not bumped: "build-id:" and the linker's GNU build ID in hexadecimal (a hash of the
    /// linked output, read from memory), else FNV-1a of the executable's bytes (hexadecimal; "" when it
    /// cannot be read), which costs a read and a hash of the whole file (~20 ms for 16 MB).
    static let executableFingerprint: String = {
        if let id = executableBuildID { return "build-id:" + id }
        guard let path = Bundle.main.executablePath, let bytes = FileManager.default.contents(atPath: path) else { return "" }
        return String(FNV1a.hash(bytes), radix: 16)
    }()

    /// The running executable's GNU build ID (`.note.gnu.build-id`, as `readelf -n` prints it) in
    /// lowercase hexadecimal; nil when the linker wrote none.
    static var executableBuildID: String? {
        var bytes = [UInt8](repeating: 0, count: 64)
        let length = rl_executable_build_id(&bytes, bytes.count)
        guard length > 0 else { return nil }
        return bytes[..<length].map { String(format: "%02x", $0) }.joined()
    }
}
