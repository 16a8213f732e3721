// swift-tools-version:5.10
import PackageDescription

/// RateLab: numerical verification of convergence theory for distributed optimization.
///
/// One module per layer (see DESIGN notes in README.md); each depends only on the layers above it:
/// Linalg → Problems → Optimum → Topology → Simulation → Algorithms → Verification → Reports → Claims.
/// `RateLab` re-exports them all.
let package = Package(
    name: "RateLab",
    products: [
        .library(name: "RateLab", targets: ["RateLab"]),
        /// The `ratelab` command line as a library (`RateLabCommand`), for executables of other packages
        /// that register their own problems and methods.
        .library(name: "RateLabCLI", targets: ["RateLabCLI"]),
        .executable(name: "ratelab", targets: ["ratelab"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLapack", path: "Sources/CLapack", pkgConfig: "lapacke",
            providers: [.apt(["liblapacke-dev", "liblapack-dev", "libopenblas-dev"])]),
        .systemLibrary(
            name: "CGSL", path: "Sources/CGSL", pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]),

        // The per-sample inner loops in C (clang vector extensions, one clone per x86-64 level).
        .target(name: "CKernels", path: "Sources/CKernels"),
        // The executable's GNU build ID (dl_iterate_phdr), the cache keys' fingerprint of the build.
        .target(name: "CBuildID", path: "Sources/CBuildID"),

        .target(name: "RateLabLinalg", dependencies: ["CLapack"], path: "Sources/RateLab/Linalg"),
        .target(name: "RateLabProblems", dependencies: ["RateLabLinalg", "CKernels"], path: "Sources/RateLab/Problems"),
        .target(name: "RateLabOptimum", dependencies: ["RateLabProblems", "CGSL"], path: "Sources/RateLab/Optimum"),
        .target(name: "RateLabTopology", dependencies: ["RateLabLinalg"], path: "Sources/RateLab/Topology"),
        .target(name: "RateLabSimulation", dependencies: ["RateLabLinalg", "RateLabTopology"], path: "Sources/RateLab/Simulation"),
        .target(
            name: "RateLabAlgorithms",
            dependencies: ["RateLabProblems", "RateLabOptimum", "RateLabTopology", "RateLabSimulation"],
            path: "Sources/RateLab/Algorithms"),
        .target(name: "RateLabVerification", dependencies: ["RateLabLinalg", "CGSL"], path: "Sources/RateLab/Verification"),
        .target(name: "RateLabReports", path: "Sources/RateLab/Reports"),
        .target(
            name: "RateLabClaims",
            dependencies: ["RateLabAlgorithms", "RateLabVerification", "RateLabReports", "CBuildID", "Yams"],
            path: "Sources/RateLab/Claims"),
        .target(
            name: "RateLab",
            dependencies: [
                "RateLabLinalg", "RateLabProblems", "RateLabOptimum", "RateLabTopology", "RateLabSimulation",
                "RateLabAlgorithms", "RateLabVerification", "RateLabReports", "RateLabClaims",
            ],
            path: "Sources/RateLab/Exports"),
        .target(
            name: "RateLabCLI",
            dependencies: ["RateLab", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/RateLabCLI"),
        .executableTarget(name: "ratelab", dependencies: ["RateLabCLI"], path: "Sources/ratelab"),

        .target(name: "TestSupport", dependencies: ["RateLab"], path: "Tests/TestSupport"),
        .testTarget(name: "LinalgTests", dependencies: ["RateLabLinalg", "TestSupport"]),
        .testTarget(name: "ProblemsTests", dependencies: ["RateLab", "TestSupport"]),
        .testTarget(name: "TopologyTests", dependencies: ["RateLab", "TestSupport"]),
        .testTarget(name: "SimulationTests", dependencies: ["RateLab", "TestSupport"]),
        .testTarget(name: "VerificationTests", dependencies: ["RateLab", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["RateLab", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "ClaimsTests", dependencies: ["RateLab", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["TestSupport"]),
        .testTarget(
            name: "CLILibraryTests",
            dependencies: ["RateLabCLI", "TestSupport", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "FuzzTests", dependencies: ["RateLab", "TestSupport"]),
    ]
)
