import RateLabCLI

// The `ratelab` executable: the command line of `RateLabCLI` with the built-in problems and methods.
RateLabCommand.main()
