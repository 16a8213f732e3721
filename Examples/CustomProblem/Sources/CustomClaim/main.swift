import Foundation
import RateLab

/// `custom-claim CLAIM.yaml… [--reports DIR]`: registers `weighted-centers`, then checks the claims like
/// `ratelab check` (summary on standard output, reports written, exit status of the gate).
try ProblemCatalog.register(.init(name: "weighted-centers", description: "½ Σ_j w_j (x_j − c_i)², L = κ, μ = 1") {
    try WeightedCentersProblem($0)
})

var arguments = Array(CommandLine.arguments.dropFirst())
var reports = "reports"
if let k = arguments.firstIndex(of: "--reports"), k + 1 < arguments.count {
    reports = arguments[k + 1]
    arguments.removeSubrange(k...(k + 1))
}
do {
    let claims = try ClaimParser.parseAll(arguments.isEmpty ? ["claims"] : arguments)
    let outcomes = try claims.map { try ClaimRunner().check($0) }
    let result = GateResult(outcomes: outcomes)
    print(ClaimReports.summary(result), terminator: "")
    try ClaimReports.write(result, to: reports)
    exit(result.exitStatus)
} catch {
    FileHandle.standardError.write(Data("custom-claim: \(error)\n".utf8))
    exit(2)
}
