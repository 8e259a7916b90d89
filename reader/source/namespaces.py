"""Wiki namespaces whose ``[[links]]`` name no article: files and categories.

One list for the whole reader, in the languages of the corpus (English, German, French,
Spanish, Italian/Portuguese): the splitter must not take a lone ``[[Kategorie:X]]`` line for
the title line of a new article, the parser must not take it for the article's title, and the
inline renderer shows files as captions and gathers categories.
"""

from __future__ import annotations

FILE_NAMESPACES = ("file", "image", "media", "datei", "bild", "fichier", "archivo", "imagen")
CATEGORY_NAMESPACES = ("category", "kategorie", "catégorie", "categoría", "categoria")

FILE_PREFIXES = tuple(f"{name}:" for name in FILE_NAMESPACES)  # lower case, for str.startswith
CATEGORY_PREFIXES = tuple(f"{name}:" for name in CATEGORY_NAMESPACES)
NOT_ARTICLE_PREFIXES = FILE_PREFIXES + CATEGORY_PREFIXES
