"""What every tab of the web UI shares: plain errors, tables, counted nouns, a picture as the
Export tab keeps it."""

from __future__ import annotations

import html
from typing import Any

import pandas as pd
import plotly.graph_objects as go


def table(rows: list[list[Any]], headers: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=headers)


def plain_error(error: Exception) -> str:
    """One line a user can act on, never a traceback."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return f"**Error:** {html.escape(text)}"


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """ "1 document", "5 documents", "1 change", "0 changes": never "document(s)"."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def shown(figure: go.Figure, view: str) -> dict[str, str]:
    """A picture as the Export tab keeps it: the figure and what it shows (its file name)."""
    return {"figure": figure.to_json(), "view": view}


def escape(text: object) -> str:
    return html.escape(str(text))
