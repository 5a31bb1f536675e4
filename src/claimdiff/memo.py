"""Memos: what is derived from an immutable object, computed once per object.

Checks with a store keep their claims and shared copy the same objects from one check to
the next in a process (what ``store`` read is kept parsed while the store holds the same
text, and ``incremental.placed_claims`` gives back equal claims); what later stages derive
from them (blocking keys, fingerprints, JSON) is then kept by identity, and computed
again only for what is new (issue 7). An entry keeps its object alive, so its id is
never another object's while the entry exists. Each memo keeps a few corpora's worth.
"""

from __future__ import annotations

import atexit
import gc
import hashlib
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Generic, TypeVar

__all__ = ["IdentityMemo", "Recent", "TextMemo", "forget_all", "forget_at_exit", "paused_gc"]

K = TypeVar("K")
V = TypeVar("V")
H = TypeVar("H", bound=Hashable)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while many long-lived objects are made.

    Reading a store back, and the stages after extraction, create hundreds of thousands
    of objects and no cycles; each collection the allocations trigger scans everything
    alive. Reading 20,000 syndication links back took 1.6 s with the collector running
    and 0.4 s without (issue 7).

    What the pause made lives on, so it joins the oldest generation when the collector
    resumes (``gc.freeze`` then ``gc.unfreeze``: two list moves), which only full
    collections scan; left in the youngest, the next three collections scanned all of
    it, one generation after another: 1.2 s of adding an article to a stored
    1,000-article corpus. Cycles among it are still collected, by a full collection.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


_AT_EXIT: list[Callable[[], None]] = []


def forget_at_exit(forget: Callable[[], None]) -> None:
    """Have ``forget`` drop what a memo keeps when the interpreter exits.

    The interpreter's last collections scan every object still alive: what memos keep
    for a 1,000-article corpus took seconds to scan when a one-check process (the
    command line) exited (issue 7). Dropped first, it is freed as a check's own objects
    are.
    """
    _AT_EXIT.append(forget)


@atexit.register
def forget_all() -> None:
    """Drop what every memo keeps, as a new process starts (and as this one exits)."""
    for forget in _AT_EXIT:
        forget()


class Recent(Generic[H, V]):
    """A mapping that keeps its most recently used entries (two generations of ``limit``).

    When ``limit`` entries have been put since the last turn, the older generation is
    dropped; what is looked up again moves to the new one.
    """

    def __init__(self, *, limit: int) -> None:
        self._limit = limit
        self._current: dict[H, V] = {}
        self._previous: dict[H, V] = {}
        forget_at_exit(self.clear)

    def get(self, key: H) -> V | None:
        """Return the value under ``key``, or None."""
        value = self._current.get(key)
        if value is None and (value := self._previous.pop(key, None)) is not None:
            self.put(key, value)
        return value

    def current(self) -> Mapping[H, V]:
        """Return the newer generation, to look up first (a hit there needs no move)."""
        return self._current

    def put(self, key: H, value: V) -> None:
        """Keep ``value`` under ``key``."""
        if key not in self._current and len(self._current) >= self._limit:
            self._previous, self._current = self._current, {}
        self._previous.pop(key, None)
        self._current[key] = value

    def update(self, entries: Iterable[tuple[H, V]]) -> None:
        """Keep many values at once (a turn first when they may not fit)."""
        found = dict(entries)
        if len(self._current) + len(found) > self._limit:
            self._previous, self._current = self._current, {}
        self._current.update(found)

    def __len__(self) -> int:
        return len(self._current) + len(self._previous)

    def clear(self) -> None:
        """Forget every entry."""
        self._current.clear()
        self._previous.clear()


class IdentityMemo(Generic[K, V]):
    """Values derived from immutable objects, found again by the object's identity.

    At most about ``2 * limit`` entries are kept (``Recent``).
    """

    def __init__(self, derive: Callable[[K], V], *, limit: int = 1 << 17) -> None:
        self._derive = derive
        self._entries: Recent[int, tuple[K, V]] = Recent(limit=limit)

    def __call__(self, item: K) -> V:
        """Return the value derived from ``item``, deriving it the first time only."""
        entry = self._entries.get(id(item))
        if entry is None or entry[0] is not item:
            entry = (item, self._derive(item))
            self._entries.put(id(item), entry)
        return entry[1]

    def map(self, items: Iterable[K]) -> list[V]:
        """Return the value derived from each item (``__call__`` on each, looked up faster)."""
        current = self._entries.current()
        found: list[V] = []
        for item in items:
            entry = current.get(id(item))
            found.append(entry[1] if entry is not None and entry[0] is item else self(item))
        return found

    def put(self, item: K, value: V) -> None:
        """Keep ``value`` as the one derived from ``item`` (known another way)."""
        self._entries.put(id(item), (item, value))

    def put_many(self, items: Iterable[K], values: Iterable[V]) -> None:
        """Keep each value as the one derived from its item."""
        self._entries.update(
            (id(item), (item, value)) for item, value in zip(items, values, strict=True)
        )

    def known(self, item: K) -> bool:
        """Return True when a value derived from ``item`` is kept."""
        entry = self._entries.get(id(item))
        return entry is not None and entry[0] is item

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        """Forget every entry."""
        self._entries.clear()


class TextMemo(Generic[V]):
    """Objects parsed from stored text, kept by key while the text under it is the same.

    The texts are compared by their SHA-256, so that what was parsed is kept without
    its text (and a hit never reads an old copy of it). At most ``limit`` keys are kept,
    the least recently used dropped first.
    """

    def __init__(self, *, limit: int) -> None:
        self._limit = limit
        self._entries: dict[str, tuple[bytes, V]] = {}
        forget_at_exit(self.clear)

    def get(self, key: str, *texts: bytes | None) -> V | None:
        """Return what was parsed from ``texts`` under ``key``, or None."""
        entry = self._entries.pop(key, None)
        if entry is None or entry[0] != _digest(texts):
            return None  # unknown, or the text changed: the entry is stale
        self._entries[key] = entry
        return entry[1]

    def put(self, key: str, value: V, *texts: bytes | None) -> None:
        """Keep ``value``, parsed from ``texts``, under ``key``."""
        self._entries.pop(key, None)
        self._entries[key] = (_digest(texts), value)
        while len(self._entries) > self._limit:
            del self._entries[next(iter(self._entries))]

    def clear(self) -> None:
        """Forget every entry."""
        self._entries.clear()


def _digest(texts: Iterable[bytes | None]) -> bytes:
    digest = hashlib.sha256()
    for text in texts:
        if text is None:
            digest.update(b"-")
        else:
            digest.update(b"+%d:" % len(text))
            digest.update(text)
    return digest.digest()
