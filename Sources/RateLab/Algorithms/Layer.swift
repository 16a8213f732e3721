// Layer Algorithms: see README.md.
