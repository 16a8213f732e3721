// The RateLab umbrella module: `import RateLab` gives every layer.
@_exported import RateLabLinalg
@_exported import RateLabProblems
@_exported import RateLabOptimum
@_exported import RateLabTopology
@_exported import RateLabSimulation
@_exported import RateLabAlgorithms
@_exported import RateLabVerification
@_exported import RateLabReports
@_exported import RateLabClaims
