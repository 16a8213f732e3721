import RateLab
import RateLabCLI

// `custom-claim`: the `ratelab` command line (every subcommand: check, run, sweep, list, fit, …) with the
// problem `weighted-centers` and the method `heavy-ball` registered, e.g.
//
//     custom-claim check claims --reports reports
//     custom-claim run --problem weighted-centers --dim 5 --workers 4 --algorithm heavy-ball --lr 0.01 --steps 200
try ProblemCatalog.register(.init(name: "weighted-centers", description: "½ Σ_j w_j (x_j − c_i)², L = κ, μ = 1") {
    try WeightedCentersProblem($0)
})
try MethodCatalog.register(.init(name: "heavy-ball", summary: "local SGD with heavy-ball momentum β = 1/2, x and x⁻ averaged every τ steps",
                                 averagesPeriodically: true) {
    HeavyBallLocalSGD(cluster: $0, start: $1, momentum: 0.5)
})
RateLabCommand.main()
