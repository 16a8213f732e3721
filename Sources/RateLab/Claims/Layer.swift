// Layer Claims: see README.md.
