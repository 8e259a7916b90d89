"""Keep Python's cycle collector off the article being read.

A laid-out 1 MB article is some 80,000 tracked objects (spans, lines, strips).  Every so often
the collector's oldest generation walks all of them: a 60-85 ms pause that lands on whatever key
the reader pressed (measured: `G` took 130 ms instead of 50 when it did).  Once an article is
laid out its objects live as long as it is read, so the app moves them out of the collector's
sight with `gc.freeze()`; it gives them back with `gc.unfreeze()` when another article opens,
so the old article's reference cycles are collected as usual.  Objects that are not cyclic are
freed by reference counting whether frozen or not.
"""

from __future__ import annotations

import gc


def keep_long_lived() -> None:
    """Exclude every object alive now from future collections (cheap: no walk is made)."""
    gc.freeze()


def release_long_lived() -> None:
    """Let the collector see the objects `keep_long_lived` hid (the previous article's)."""
    gc.unfreeze()
