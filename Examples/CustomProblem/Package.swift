// swift-tools-version:5.10
import PackageDescription

/// An example of extending RateLab from another package: it adds the problem `weighted-centers` and the
/// method `heavy-ball`, and its executable `custom-claim` is the `ratelab` command line (`RateLabCLI`) with
/// both registered, so that `custom-claim check claims` checks claims naming them (see README.md, "Add your
/// own problem or method").
let package = Package(
    name: "CustomProblem",
    dependencies: [.package(name: "RateLab", path: "../..")],
    targets: [
        .executableTarget(name: "custom-claim", dependencies: [.product(name: "RateLab", package: "RateLab"),
                                                                  .product(name: "RateLabCLI", package: "RateLab")],
                          path: "Sources/CustomClaim"),
    ]
)
