// Layer Optimum: see README.md.
