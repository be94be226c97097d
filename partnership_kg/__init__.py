"""partnership-kg: a partnership's documents as a knowledge graph people can question.

    import partnership_kg
    partnership_kg.build(["corpus/"], "store")     # or the CLI: partnership-kg build
    ws = partnership_kg.open("store")
    ws.ask("Who leads Road Safety?")
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

# onnxruntime's Linux build sends telemetry (it looks up a Microsoft host when a session
# starts) unless this is set before it is imported; the tool never reaches the network.
os.environ["ORT_DISABLE_TELEMETRY"] = "1"

from partnership_kg.workspace import Workspace, open  # noqa: E402 - after the setting above

__all__ = ["Workspace", "build", "open"]
__version__ = "0.1.0"


def build(
    paths: list[str | Path] | None = None, store: str | Path = ".partnership-kg",
    partnership: str | None = None,
) -> dict[str, Any]:
    """Build or update ``store`` from ``paths`` (default: the bundled corpus); ``partnership``
    says whose documents they are (else read from each one's text, else its folder)."""
    from partnership_kg.pipeline import build as run_build

    return run_build(paths, store, partnership=partnership)
