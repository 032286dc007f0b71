"""Layer 5, rendering: a district's text resolved (overrides, hiding, terms) and rendered
into the site's Markdown pages, navigation and assets (site.py)."""
