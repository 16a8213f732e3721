// Layer Simulation: see README.md.
