"""The store is replaced whole: a failed or killed build leaves the previous one answering."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import partnership_kg
from partnership_kg import pipeline, storage


def _copy(corpus_store: Path, tmp_path: Path) -> Path:
    store = tmp_path / "store"
    shutil.copytree(corpus_store, store)
    return store


def test_a_build_that_fails_midway_keeps_the_previous_store(
        corpus_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = _copy(corpus_store, tmp_path)
    before = partnership_kg.open(store).ask("Who leads Substance Misuse in the 2017 agreement?")

    def broken_index(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("partnership_kg.search.index.build_index", broken_index)
    extra = tmp_path / "extra.txt"
    extra.write_text("Minutes of the Wessex Partnership meeting held on 1 May 2020.\n",
                     encoding="utf-8")
    with pytest.raises(RuntimeError, match="disk full"):
        pipeline.build([extra], store)

    assert not store.with_name("store.building").exists()
    after = partnership_kg.open(store)
    assert [doc.source for doc in after.documents] == sorted(
        doc.source for doc in partnership_kg.open(corpus_store).documents)
    assert after.ask("Who leads Substance Misuse in the 2017 agreement?") == before


def test_a_swap_killed_between_its_renames_is_recovered(corpus_store: Path,
                                                        tmp_path: Path) -> None:
    store = _copy(corpus_store, tmp_path)
    store.rename(store.with_name("store.previous"))  # killed after the first rename
    assert storage.exists(store)
    assert len(partnership_kg.open(store).documents) == 5


def test_a_killed_build_leaves_only_a_stale_building_folder(corpus_store: Path,
                                                            tmp_path: Path) -> None:
    store = _copy(corpus_store, tmp_path)
    building = store.with_name("store.building")
    building.mkdir()
    (building / "half-written").write_text("x", encoding="utf-8")
    assert len(partnership_kg.open(store).documents) == 5
    with storage.staging(store) as fresh:  # the next build starts from a clean folder
        assert list(fresh.iterdir()) == []
        shutil.copytree(corpus_store, fresh, dirs_exist_ok=True)
    assert len(partnership_kg.open(store).documents) == 5


def test_a_second_build_at_the_same_time_is_refused(corpus_store: Path, tmp_path: Path) -> None:
    store = _copy(corpus_store, tmp_path)

    class Abandoned(Exception):
        pass

    with pytest.raises(Abandoned), storage.staging(store):
        with pytest.raises(storage.BuildInProgress, match="another build"), \
                storage.staging(store):
            pass
        raise Abandoned  # the first build fails too: the store must be untouched
    assert len(partnership_kg.open(store).documents) == 5
    with storage.staging(store) as fresh:  # and the lock is free again
        shutil.copytree(corpus_store, fresh, dirs_exist_ok=True)
    assert len(partnership_kg.open(store).documents) == 5


def test_a_reader_during_a_builds_swap_waits_for_it_and_never_undoes_it(
        corpus_store: Path, tmp_path: Path) -> None:
    import threading

    store = _copy(corpus_store, tmp_path)
    building = store.with_name("store.building")
    with storage._build_lock(store):  # a build is running, between its two renames
        shutil.copytree(corpus_store, building)
        store.rename(store.with_name("store.previous"))
        second_rename = threading.Timer(0.2, building.rename, args=(store,))
        second_rename.start()
        assert storage.exists(store)  # a command arriving now waits for the new store
        second_rename.join()
        assert not building.exists()  # the build's rename went through, not the reader's undo
    assert len(partnership_kg.open(store).documents) == 5
    assert not store.with_name("store.previous").exists()  # the next reader tidies up
