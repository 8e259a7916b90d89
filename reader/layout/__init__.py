"""Model -> wrapped, styled rich `Text` lines (used by `--print` and by the reading pane).

No Textual here: only rich.  `layout_article(article, width)` returns a `Layout` whose `lines`
each fit in `width` cells, with the indexes the pane needs (sections, markers, search).
"""

from reader.layout.layout import Anchor, Layout, SearchResult, layout_article
from reader.layout.lines import Marker
from reader.layout.styles import ROLES, Styles
from reader.source.fold import is_case_sensitive

__all__ = ["Anchor", "Layout", "Marker", "ROLES", "SearchResult", "Styles", "is_case_sensitive", "layout_article"]
