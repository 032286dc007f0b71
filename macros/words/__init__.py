"""Layer 3, words: a district's terms (${learners}, ...) and the grammar of each language
that inflects them, through one registry (grammars.py)."""
