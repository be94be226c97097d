"""``CachedReads``: a read-only store's SELECT rows kept while it is open (serve's graph)."""

from __future__ import annotations

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
