"""The Partnerships tab: a heatmap of partnerships x shared topics for a year or any year.

Hovering a cell shows the partnership's own label(s), the version and the quote; clicking a
cell, or a row of the table below that lists every cell, opens that label's lineage. The matrix
exports as CSV (and PNG from the plot's camera button, drawn in the browser). Sized for 30
partnerships x 60 topics at 1366 px: one row per partnership, topic names slanted, height grown
with rows.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path
from typing import Any

import gradio as gr
import pandas as pd
import plotly.graph_objects as go

from partnership_kg.ui import charts
from partnership_kg.ui.web_common import counted, escape

ANY_YEAR = "any year"
QUOTE_CHARS = 180  # a hover box longer than this hides the heatmap it explains
CELL_COLUMNS = ["partnership", "topic", "label", "version", "method", "confidence", "source",
                "page", "quote"]
# gr.Plot has no click event: the page listens for plotly's own click on the heatmap and writes
# the cell's [partnership, topic, click time] into a hidden box, whose change opens the lineage
# (the time makes a second click on the same cell a change too; Gradio's own "input" event
# fires on key presses only). Bound again whenever the page changes, since a redraw may replace
# the plot and its listeners.
HEATMAP_CLICK_JS = """() => {
  const openCell = (data) => {
    const point = data && data.points && data.points[0];
    const box = document.querySelector('#topics-cell-key textarea, #topics-cell-key input');
    if (!point || !box) return;
    box.value = JSON.stringify([point.y, point.x, Date.now()]);
    box.dispatchEvent(new Event('input', {bubbles: true}));
  };
  const bind = () => {
    const plot = document.querySelector('#topics-heatmap .js-plotly-plot');
    if (!plot || typeof plot.on !== 'function') return;
    plot.removeListener('plotly_click', openCell);
    plot.on('plotly_click', openCell);
  };
  new MutationObserver(bind).observe(document.body, {childList: true, subtree: true});
  bind();
}"""


def _short(text: str, size: int = QUOTE_CHARS) -> str:
    return text if len(text) <= size else text[:size - 1].rstrip() + "…"


def _hover(cell: dict[str, Any]) -> str:
    lines = [f"<b>{cell['partnership']}</b> · {cell['topic']}"]
    for entry in cell["entries"]:
        low = " (low confidence)" if entry["low_confidence"] else ""
        lines.append(f"“{entry['label']}” ({entry['version']}){low}")
        if entry.get("evidence"):
            lines.append("<i>" + _short(str(entry["evidence"]["quote"])) + "</i>")
    return "<br>".join(lines)


def heatmap(matrix: dict[str, Any]) -> go.Figure:
    """Rows partnerships, columns topics; 2 a confident mapping, 1 only low-confidence ones."""
    partnerships = matrix["partnerships"]
    topics = [topic["topic"] for topic in matrix["topics"]]
    z = [[0] * len(topics) for _ in partnerships]
    hover = [[f"<b>{p}</b> · {t}<br>no priority or theme on this topic" for t in topics]
             for p in partnerships]
    for cell in matrix["cells"]:
        row, column = partnerships.index(cell["partnership"]), topics.index(cell["topic"])
        z[row][column] = 2 if cell["confident"] else 1
        hover[row][column] = _hover(cell)
    figure = go.Figure(go.Heatmap(
        z=z, x=topics, y=partnerships, customdata=hover, zmin=0, zmax=2, xgap=2, ygap=2,
        colorscale=[[0, "#f2f2f2"], [0.5, "#f6c48b"], [1, "#2b6cb0"]], showscale=False,
        hovertemplate="%{customdata}<extra></extra>"))
    figure.update_layout(
        height=max(320, 26 * len(partnerships) + 260), margin={"l": 10, "r": 10, "t": 30,
                                                               "b": 10},
        xaxis={"side": "top", "tickangle": -50, "tickfont": {"size": 10}},
        yaxis={"autorange": "reversed", "tickfont": {"size": 11}, "automargin": True},
        hoverlabel={"align": "left", "font": {"size": 12}}, plot_bgcolor="white")
    return figure


def cell_rows(matrix: dict[str, Any]) -> list[list[Any]]:
    rows = []
    for cell in matrix["cells"]:
        for entry in cell["entries"]:
            evidence = entry.get("evidence") or {}
            rows.append([cell["partnership"], cell["topic"], entry["label"], entry["version"],
                         entry["method"], entry["confidence"], evidence.get("source"),
                         evidence.get("page"), evidence.get("quote")])
    return rows


def matrix_csv(matrix: dict[str, Any]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CELL_COLUMNS)
    writer.writerows(cell_rows(matrix))
    return buffer.getvalue()


def partnerships_tab(session: Any) -> None:
    with gr.Tab("Partnerships", id="partnerships"):
        gr.Markdown("Which shared topics each partnership's priorities and themes map to. "
                    "Hover a cell for the label and its quote; click a cell, or a row of the "
                    "table, for its lineage. Blue: mapped; orange: low-confidence mappings only.",
                    elem_classes="pkg-note")
        with gr.Row():
            year = gr.Dropdown(choices=[ANY_YEAR, *_years(session)], value=ANY_YEAR,
                               label="In force in", allow_custom_value=True, scale=1,
                               elem_id="topics-year")
            download = gr.DownloadButton("Download CSV", scale=1, elem_id="topics-csv")
        plot = gr.Plot(elem_id="topics-heatmap", label="Partnerships x topics")
        table = gr.Dataframe(headers=CELL_COLUMNS, interactive=False, wrap=True,
                             elem_id="topics-cells")
        lineage_note = gr.Markdown(elem_id="topics-lineage")
        lineage_plot = gr.Plot(elem_id="topics-lineage-sankey", label="Lineage")
        rows_state = gr.State([])
        cell_key = gr.Textbox(visible="hidden", elem_id="topics-cell-key", label="Cell")

        def draw(choice: str | None) -> tuple[Any, ...]:
            try:
                chosen = None if not choice or choice == ANY_YEAR else int(choice)
                matrix = session.workspace.topics(year=chosen)
            except (TypeError, ValueError) as error:
                message = f"**Error:** {str(error).splitlines()[0] if str(error) else error}"
                return None, None, [], message, gr.skip()
            rows = cell_rows(matrix)
            out = Path(tempfile.mkdtemp(prefix="pkg-topics-")) / "partnership-topics.csv"
            out.write_text(matrix_csv(matrix), encoding="utf-8")
            note = "" if rows else "No priority or theme maps to a topic for that year."
            return (heatmap(matrix), pd.DataFrame(rows, columns=CELL_COLUMNS), rows, note,
                    str(out))

        def show_lineage(partnership: str, label: str, cell_labels: list[str]) -> tuple[Any, Any]:
            try:
                lineage = session.workspace.lineage(label, partnership=partnership)
            except ValueError as error:
                return f"**Error:** {escape(str(error).splitlines()[0])}", None
            others = [other for other in cell_labels if other != label]
            also = (f"  \nAlso in this cell: {escape('; '.join(others))}." if others else "")
            return (f"### {escape(lineage.get('concept') or label)}\n\n{escape(partnership)}: "
                    f"“{escape(label)}”, "
                    f"{counted(len(lineage.get('events', [])), 'change event')}.{also}",
                    charts.best_figure(charts.lineage_flows(lineage)))

        def open_row(rows: list[list[Any]], event: gr.SelectData) -> tuple[Any, Any]:
            row = event.index[0] if isinstance(event.index, list | tuple) else event.index
            if not rows or row is None or row >= len(rows):
                return gr.skip(), gr.skip()
            partnership, _topic, label = rows[row][:3]
            return show_lineage(partnership, label, [label])

        def open_cell(key: str, rows: list[list[Any]]) -> tuple[Any, Any]:
            try:
                partnership, topic = json.loads(key)[:2]
            except (TypeError, ValueError):
                return gr.skip(), gr.skip()
            # The cell's labels, newest version first: the newest names the lineage.
            in_cell = sorted((row for row in rows if row[:2] == [partnership, topic]),
                             key=lambda row: -(charts.first_year(row[3]) or 0))
            labels = list(dict.fromkeys(str(row[2]) for row in in_cell))
            if not labels:
                return (f"{escape(partnership)} has no priority or theme on "
                        f"{escape(topic)}.", None)
            return show_lineage(partnership, labels[0], labels)

        outputs = [plot, table, rows_state, lineage_note, download]
        year.change(draw, year, outputs)
        session.on_load.append((draw, [year], outputs))
        table.select(open_row, rows_state, [lineage_note, lineage_plot])
        cell_key.change(open_cell, [cell_key, rows_state], [lineage_note, lineage_plot])


def _years(session: Any) -> list[str]:
    """The start years of every version, for the year picker."""
    matrix = session.workspace.topics()
    years = {entry["year"] for cell in matrix["cells"] for entry in cell["entries"]}
    return [str(year) for year in sorted(years)]
