"""Layer 7, the front door: publish.py makes a district's site (and PDFs) from data, the
one way in for the MkDocs plugin, `wbl-guide build`, `check` and `build --all`."""
