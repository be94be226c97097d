"""The SPARQL tab: read-only queries, rows in a grid, CSV to download. An error is said in plain
words with its line and column; the grid is then emptied and the CSV button disabled."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import gradio as gr
import pandas as pd

from partnership_kg.graph.base import PREFIXES, QueryError
from partnership_kg.ui import web_data
from partnership_kg.ui.sparql_errors import plain_sparql_error
from partnership_kg.ui.web_common import counted, escape, plain_error
from partnership_kg.ui.web_session import Session


def _no_rows(message: str) -> tuple[Any, ...]:
    # An empty grid (not a grid of column numbers) and a CSV button that says it has nothing.
    return (message, gr.update(value=pd.DataFrame(), visible=False),
            gr.update(value=None, interactive=False))


def sparql_tab(session: Session) -> None:
    with gr.Tab("SPARQL", id="sparql"):
        gr.Markdown("Read-only SPARQL 1.1 over the graph. The prefixes "
                    + ", ".join(f"{p}:" for p in sorted(PREFIXES))
                    + " are declared for you. Updates and SERVICE are refused.",
                    elem_classes="pkg-note")
        example = gr.Dropdown(choices=[name for name, _ in web_data.SPARQL_EXAMPLES],
                              label="Example queries", value=None, elem_id="sparql-example")
        query = gr.Textbox(label="Query", lines=8, elem_id="sparql-query",
                           elem_classes="pkg-mono", value=web_data.SPARQL_EXAMPLES[0][1])
        with gr.Row():
            run = gr.Button("Run query", variant="primary", elem_id="sparql-run")
            download = gr.DownloadButton("Download results as CSV", value=None,
                                         interactive=False, elem_id="sparql-csv")
        message = gr.Markdown("Run a query to see its rows here.", elem_id="sparql-message")
        results = gr.Dataframe(label="Results", interactive=False, wrap=True, visible=False,
                               elem_id="sparql-results", elem_classes="pkg-table")

        examples = dict(web_data.SPARQL_EXAMPLES)
        example.input(lambda name: examples.get(name, ""), example, query)

        def execute(text: str) -> tuple[Any, ...]:
            if not (text or "").strip():
                return _no_rows("Type a query first, or pick an example.")
            try:
                rows = session.workspace.sparql(text)
            except QueryError as error:
                return _no_rows("**Error:** " + escape(plain_sparql_error(text, str(error),
                                                                          PREFIXES)))
            except Exception as error:  # noqa: BLE001 - UpdateRefused, FederationRefused ...
                return _no_rows(plain_error(error))
            if not rows:
                return _no_rows("The query ran and matched no rows.")
            out = Path(tempfile.mkdtemp(prefix="pkg-sparql-")) / "results.csv"
            out.write_text(web_data.rows_to_csv(rows), encoding="utf-8")
            return (f"{counted(len(rows), 'row')}.",
                    gr.update(value=pd.DataFrame(rows), visible=True),
                    gr.update(value=str(out), interactive=True))

        run.click(execute, query, [message, results, download])
