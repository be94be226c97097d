"""The web session follows the store: a build that swaps a new store in (from the command line
or another server) is seen on the next page load."""

from __future__ import annotations

import os
from pathlib import Path

from partnership_kg.ui.web_session import Session


class _Opened:
    """Stands in for a Workspace: remembers which store it opened, counts how often."""

    opened = 0

    def __init__(self, path: Path) -> None:
        self.path = path
        type(self).opened += 1


def _swap_in(store: Path, text: str) -> None:
    """A build's swap: a new manifest file takes the old one's place."""
    fresh = store / "manifest.new"
    fresh.write_text(text, encoding="utf-8")
    os.replace(fresh, store / "manifest.json")


def test_rule_a_page_load_reopens_a_store_swapped_in_since(tmp_path: Path) -> None:
    _swap_in(tmp_path, '{"documents": {"wessex.txt": {}}}')
    session = Session(_Opened(tmp_path))
    before = session.workspace
    session.follow_store()
    assert session.workspace is before  # nothing changed: the open store is kept
    _swap_in(tmp_path, '{"documents": {"wessex.txt": {}, "riverford.txt": {}}}')
    session.follow_store()
    assert session.workspace is not before
    reopened = session.workspace
    session.follow_store()
    assert session.workspace is reopened  # opened once per swap, not on every load
