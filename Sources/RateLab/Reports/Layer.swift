// Layer Reports: see README.md.
