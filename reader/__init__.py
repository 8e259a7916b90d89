"""wikireader: a terminal reader for Wikipedia articles.

Layers, importing downwards only:
    reader.source  reading files: encodings, splitting a dump into articles
    reader.model   the document model (frozen msgspec Structs)
    reader.parse   wikitext (dump or standard) -> model, with mwparserfromhell
    reader.layout  model -> styled, wrapped lines (rich), for --print and the reading pane
    reader.ui      the Textual app, its screens and widgets (the only place Textual is imported)
"""

__version__ = "0.1.0"
APP_NAME = "wikireader"  # the command, the window title, and the folders platformdirs names for it
