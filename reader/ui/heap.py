"""Keep Python's cycle collector off the app's start and off the article being read.

Starting the app allocates a few hundred thousand objects (Textual, the parser, the first
screen); the collector walked them ~125 times before the first paint, 60 ms in all (measured
through the pty on the sample article).  The command line turns it off before the app is
imported (`pause_collection`) and each screen turns it back on after its first frame
(`resume_collection`), first freezing what start-up made: modules, classes and widgets live as
long as the app.

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

_paused = False


def pause_collection() -> None:
    """Turn the cycle collector off until `resume_collection` (reference counting goes on)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collection() -> None:
    """Turn the collector back on if `pause_collection` turned it off, freezing what exists."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()


def keep_long_lived() -> None:
    """Exclude every object alive now from future collections (cheap: no walk is made)."""
    gc.freeze()


def release_long_lived() -> None:
    """Let the collector see the objects `keep_long_lived` hid (the previous article's)."""
    gc.unfreeze()
