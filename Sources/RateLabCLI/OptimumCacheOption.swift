import ArgumentParser
import RateLab

/// `--no-optimum-cache` of `run`, `check` and `sweep` (`optimum` always certifies: showing that is its job).
struct OptimumCacheOption: ParsableArguments {
    @Flag(help: "Certify every problem again instead of reusing certified optima (<cache>/optima or $XDG_CACHE_HOME/ratelab).")
    var noOptimumCache = false

    /// The optimum cache to use: beside `cellCache` when given, else the user's cache directory; nil when turned off.
    func cache(cellCache: String? = nil) -> OptimumCache? {
        guard !noOptimumCache, let directory = OptimumCache.defaultDirectory(cellCache: cellCache) else { return nil }
        return OptimumCache(directory: directory)
    }
}
