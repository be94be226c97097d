"""``CachedReads``: a read-only store's SELECT rows kept while it is open (serve's graph)."""

from __future__ import annotations

import pytest

from partnership_kg.ui.read_cache import CachedReads


class CountingStore:
    """A store answering each query with one row naming it, counting what it was asked."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.path = "/stores/wessex"

    def select(self, query: str) -> list[dict[str, object]]:
        self.asked.append(query)
        return [{"label": f"Wessex {query}"}]


def test_a_repeated_query_is_answered_from_the_cache() -> None:
    store = CountingStore()
    reads = CachedReads(store)
    assert reads.select("versions") == [{"label": "Wessex versions"}]
    assert reads.select("versions") == [{"label": "Wessex versions"}]
    assert store.asked == ["versions"]


def test_cached_rows_are_copies_a_caller_cannot_spoil() -> None:
    reads = CachedReads(CountingStore())
    reads.select("leads")[0]["label"] = "edited"
    assert reads.select("leads") == [{"label": "Wessex leads"}]


def test_the_least_recently_used_query_leaves_first() -> None:
    store = CountingStore()
    reads = CachedReads(store, size=2)
    for query in ("a", "b", "a", "c", "a", "b"):
        reads.select(query)
    assert store.asked == ["a", "b", "c", "b"]


def test_everything_else_goes_to_the_store() -> None:
    assert CachedReads(CountingStore()).path == "/stores/wessex"


def test_concurrent_first_requests_run_the_query_once() -> None:
    import threading
    import time

    release = threading.Event()

    class SlowStore(CountingStore):
        def select(self, query: str) -> list[dict[str, object]]:
            release.wait(10)
            return super().select(query)

    store = SlowStore()
    reads = CachedReads(store)
    answers: list[list[dict[str, object]]] = []
    started = threading.Barrier(9)

    def ask() -> None:
        started.wait()
        answers.append(reads.select("plans"))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    started.wait()
    time.sleep(0.2)  # every thread into select before the store answers (not a timing check)
    release.set()
    for thread in threads:
        thread.join(10)
    assert answers == [[{"label": "Wessex plans"}]] * 8
    assert store.asked == ["plans"]


def test_a_failed_query_is_not_kept_and_runs_again() -> None:
    class FlakyStore(CountingStore):
        def select(self, query: str) -> list[dict[str, object]]:
            if not self.asked:
                self.asked.append("failed")
                raise ValueError("SPARQL syntax error")
            return super().select(query)

    store = FlakyStore()
    reads = CachedReads(store)
    with pytest.raises(ValueError, match="syntax"):
        reads.select("leads")
    assert reads.select("leads") == [{"label": "Wessex leads"}]
    assert store.asked == ["failed", "leads"]
