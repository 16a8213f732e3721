// Layer Verification: see README.md.
