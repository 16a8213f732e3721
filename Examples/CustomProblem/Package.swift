// swift-tools-version:5.10
import PackageDescription

/// An example of extending RateLab from another package: it adds the problem `weighted-centers` and
/// checks a claim that names it (see README.md, "Add your own problem or method").
let package = Package(
    name: "CustomProblem",
    dependencies: [.package(name: "RateLab", path: "../..")],
    targets: [
        .executableTarget(name: "custom-claim", dependencies: [.product(name: "RateLab", package: "RateLab")],
                          path: "Sources/CustomClaim"),
    ]
)
