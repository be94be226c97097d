"""A non-editable install must carry every subpackage and data file the code uses."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest

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


@pytest.fixture(scope="module")
def installed_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding the built wheel; third-party packages come from this environment."""
    root = tmp_path_factory.mktemp("wheel")
    # Built from a clean copy: a checkout's build/ and egg-info would hide missing package data.
    source = root / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".*", "build", "dist", "*.egg-info", "__pycache__", "test-artifacts", "benchmarks"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(root / "dist"), str(source)], check=True, capture_output=True)
    (wheel,) = (root / "dist").glob("partnership_kg-*.whl")
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()"
                           "['purelib'])"], check=True, capture_output=True, text=True)
    target = Path(site.stdout.strip())
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True, capture_output=True)
    # This environment's site-packages for the dependencies (a path line: its editable-install
    # hook is not run, so partnership_kg is imported from the wheel alone).
    (target / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python


def test_the_wheel_installs_every_subpackage_and_its_data(installed_wheel: Path) -> None:
    packages = CONFIG["packages"]
    script = (
        "import importlib, importlib.resources as r, json\n"
        f"mods = [importlib.import_module(n) for n in {packages!r}]\n"
        "import partnership_kg\n"
        "graph = r.files('partnership_kg.graph')\n"
        "corpus = r.files('partnership_kg.corpus')\n"
        "print(json.dumps({'origin': partnership_kg.__file__,\n"
        "  'shapes': graph.joinpath('shapes.ttl').is_file(),\n"
        "  'acts': graph.joinpath('data', 'legislation.csv').is_file(),\n"
        "  'topics': graph.joinpath('data', 'topics.ttl').is_file(),\n"
        "  'corpus': sorted(p.name for p in corpus.iterdir() if p.name.endswith('.txt'))}))\n")
    result = subprocess.run([str(installed_wheel), "-c", script], check=True,
                            capture_output=True, text=True, cwd=installed_wheel.parent)
    found = json.loads(result.stdout)
    assert found["origin"].startswith(str(installed_wheel.parents[1]))
    assert (found["shapes"], found["acts"], found["topics"]) == (True, True, True)
    assert found["corpus"] == sorted(path.name for path in (ROOT / "corpus").glob("*.txt"))
