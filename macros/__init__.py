"""wbl_guide: work-based learning activity guides, built from YAML for any school district.

The folder is macros/ (where mkdocs-macros projects keep their code); it installs as the
package `wbl_guide`. Its packages are layers, lowest first; a module imports only from its
own layer or those below (tests/test_architecture.py fails on an import up a layer or a
circle):

  base        errors, suggestions, bounds, files read and written inside the project, CSS
  text        kinds of text, the guide's markup, addresses, English, the last HTML check
  words       a district's terms and each language's grammar (grammars.py, one registry)
  data        loading with line numbers, models, checks, translations, editions, the project
  rendering   a district's text resolved and rendered into pages (site.py)
  pdf         print HTML, form fields, WeasyPrint, the PDF cache
  publishing  the front door: publish() and `build --all`
  adapters    what knows MkDocs: the plugin (plugin.py) and mkdocs-macros' define_env
  cli.py      `wbl-guide` on the command line

Everything below adapters/ is plain Python that never imports MkDocs.
"""
