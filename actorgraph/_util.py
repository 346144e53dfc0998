"""Small helpers shared by the modules of actorgraph."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["gc_paused"]


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a burst of allocations.

    Bulk loads, document reads and large query answers make hundreds of
    thousands of small objects and no reference cycles; with the collector on,
    its repeated passes over a large graph cost several times the work itself.
    Reference counting still frees everything as usual.

    Examples
    --------
    >>> import gc
    >>> with gc_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
