"""Layer 8, adapters: what knows MkDocs. The plugin (plugin.py) holds one build's state
and hands the core's pages to MkDocs; macros_env.py gives mkdocs-macros term() and
guide_page() for hand-written pages. Nothing below this layer imports MkDocs."""
