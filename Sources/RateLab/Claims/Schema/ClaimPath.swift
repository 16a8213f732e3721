/// Paths written in a claim file (`problem.data`) are relative to the claim file's directory, so a
/// claim means the same file from any working directory: `proofs-numeric/x.yaml` names the repository's
/// `data/breast-cancer.svm` as `../data/breast-cancer.svm`. An absolute path is taken as it is.
///
/// A path is never also tried against the working directory: one written path has one meaning.
enum ClaimPath {
    /// `path` resolved against the directory of `claimFile`, with "." and "dir/.." removed lexically
    /// (a relative claim file gives a relative result: "proofs-numeric/../data/a.svm" → "data/a.svm").
    static func resolve(_ path: String, claimFile: String) -> String {
        if path.hasPrefix("/") { return path }
        let directory = claimFile.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        return normalized(directory.isEmpty ? path : directory + "/" + path)
    }

    /// "." and "name/.." removed; a leading "/" and leading ".." of a relative path kept.
    static func normalized(_ path: String) -> String {
        var parts = [Substring]()
        for part in path.split(separator: "/") where part != "." {
            if part == "..", let last = parts.last, last != ".." { parts.removeLast() } else { parts.append(part) }
        }
        let joined = parts.joined(separator: "/")
        return path.hasPrefix("/") ? "/" + joined : (joined.isEmpty ? "." : joined)
    }
}
