"""Layer 2, text: the kinds of text a data file may hold (plain, prose, address...), the
guide's small markup language, addresses, English plurals and articles, and the last check
of every page's HTML."""
