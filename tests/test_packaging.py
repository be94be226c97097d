"""A non-editable install must carry every subpackage and data file the code uses."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def test_every_package_folder_is_installed() -> None:
    folders = CONFIG["package-dir"]  # dotted name -> folder
    expected = set()
    for name, folder in folders.items():
        for init in (ROOT / folder).rglob("__init__.py"):
            relative = init.parent.relative_to(ROOT / folder)
            if "__pycache__" not in relative.parts:
                expected.add(".".join([name, *relative.parts]))
    # A subfolder counts as installed when it is listed itself (folders map one level only).
    assert sorted(expected - set(CONFIG["packages"])) == []
    assert sorted(set(CONFIG["packages"]) - set(folders)) == []


def test_package_data_covers_the_shapes_and_the_corpus() -> None:
    data = CONFIG["package-data"]
    assert "*.ttl" in data["partnership_kg.graph"]
    assert (ROOT / "graph" / "shapes.ttl").is_file()
    assert "*.txt" in data["partnership_kg.corpus"]
