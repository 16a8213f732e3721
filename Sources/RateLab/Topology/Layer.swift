// Layer Topology: see README.md.
