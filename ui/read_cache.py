"""A graph store's SELECT results kept for as long as the store is open.

``serve`` opens a built store read-only and never writes it, so the same query always gives the
same rows. The graph answers run the same few queries for every question (the partnerships, the
versions, the labels), each costing up to a second on a large store; kept, a warm answer costs
milliseconds. A rebuild opens a new store, and with it an empty cache.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

Row = dict[str, object]


class CachedReads:
    """Wraps a GraphStore: ``select`` is remembered (least recently used first out), everything
    else goes to the store itself."""

    def __init__(self, store: Any, size: int = 512) -> None:
        self.cached_store = store
        self.size = size
        self._rows: OrderedDict[str, list[Row]] = OrderedDict()
        self._running: dict[str, threading.Event] = {}
        self._lock = threading.Lock()

    def select(self, query: str) -> list[Row]:
        # One run per query at a time: concurrent first requests wait for the same run
        # instead of each paying for it (on two cores, twenty runs of a one-second query).
        while True:
            with self._lock:
                rows = self._rows.get(query)
                if rows is not None:
                    self._rows.move_to_end(query)
                    return [dict(row) for row in rows]
                running = self._running.get(query)
                if running is None:
                    self._running[query] = threading.Event()
                    break
            running.wait()
        try:
            rows = self.cached_store.select(query)
            with self._lock:
                self._rows[query] = rows
                while len(self._rows) > self.size:
                    self._rows.popitem(last=False)
        finally:
            with self._lock:
                self._running.pop(query).set()
        # Copies: a caller that edits its rows must not edit the next caller's.
        return [dict(row) for row in rows]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.cached_store, name)
