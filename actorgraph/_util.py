"""Small helpers shared by the modules of actorgraph."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["gc_paused"]


@contextlib.contextmanager
def gc_paused(*, promote: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector for a burst of allocations.

    Bulk loads, document reads and large query answers make hundreds of
    thousands of small objects and no reference cycles; with the collector on,
    its repeated passes over a large graph cost several times the work itself.
    Reference counting still frees everything as usual.

    Parameters
    ----------
    promote : bool
        Also file what was made meanwhile as old when the collector is turned
        back on: the objects (a million for a large import, none in a cycle)
        go straight to the oldest generation (``gc.freeze()`` then
        ``gc.unfreeze()``: two list splices). Otherwise the first allocation
        after the pause makes the collector walk all of them as young objects
        (0.2 s for 200,000 relations), and walk them again when they age. The
        step is skipped when the program keeps frozen objects of its own
        (``gc.freeze``), which ``gc.unfreeze`` would release.

    Examples
    --------
    >>> import gc
    >>> with gc_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    >>> with gc_paused(promote=True):
    ...     gc.isenabled()
    False
    >>> gc.isenabled(), gc.get_freeze_count()
    (True, 0)
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if promote and gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()
