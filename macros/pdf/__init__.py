"""Layer 6, pdf: each handout's print HTML (print_html.py), its form fields, the renderer
(WeasyPrint, renderer.py) and the cache of PDFs already rendered."""
