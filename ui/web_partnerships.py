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
import textwrap
from pathlib import Path
from typing import Any

import gradio as gr
import pandas as pd
import plotly.graph_objects as go

from partnership_kg.ui import charts
from partnership_kg.ui.pictures import write_picture
from partnership_kg.ui.web_common import counted, escape, plain_error
from partnership_kg.ui.web_export import chromium_ready

ANY_YEAR = "any year"
QUOTE_CHARS = 180  # a hover box longer than this hides the heatmap it explains
# A partnership name longer than this goes on two lines, leaving the topics' columns room.
NAME_CHARS = 30
ROW_PX = 28  # two lines of the names' 11 px type
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
# The PNG is drawn on the server when asked for (a Chromium start is too slow for every page
# load), into a hidden file box; this then downloads it as a download button would.
DOWNLOAD_JS = """(file) => {
  if (!file || !file.url) return;
  const link = document.createElement('a');
  link.href = file.url;
  link.download = file.orig_name || 'partnership-topics.png';
  document.body.appendChild(link);
  link.click();
  link.remove();
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
    # Upright topic names: slanted ones overlap their neighbours once columns are narrow.
    figure.update_layout(
        height=max(320, ROW_PX * len(partnerships) + 260),
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        xaxis={"side": "top", "tickangle": -90, "tickfont": {"size": 10}, "automargin": True},
        yaxis={"autorange": "reversed", "tickfont": {"size": 11}, "automargin": True,
               "tickvals": partnerships, "ticktext": [_wrapped(p) for p in partnerships]},
        hoverlabel={"align": "left", "font": {"size": 12}}, plot_bgcolor="white")
    return figure


def _wrapped(name: str) -> str:
    """A long name on two lines (at most), so the names' margin stays narrow."""
    if len(name) <= NAME_CHARS:
        return name
    lines = textwrap.wrap(name, max(NAME_CHARS, (len(name) + 1) // 2), break_long_words=False)
    return "<br>".join(lines[:1] + [" ".join(lines[1:])])


def heatmap_png(matrix: dict[str, Any], folder: Path) -> Path:
    """The heatmap as PNG, named after its year, drawn with no network."""
    year = matrix.get("year") or "any-year"
    return write_picture(heatmap(matrix), folder / f"partnership-topics-{year}.png", "png")


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
            year = gr.Dropdown(choices=[ANY_YEAR], value=ANY_YEAR,
                               label="In force in", allow_custom_value=True, scale=1,
                               elem_id="topics-year")
            download = gr.DownloadButton("Download CSV", scale=1, elem_id="topics-csv")
            ready = chromium_ready()
            png = gr.Button("Download PNG" if ready else "PNG needs Chromium", scale=1,
                            interactive=ready, elem_id="topics-png")
        png_file = gr.File(visible="hidden", elem_id="topics-png-file", label="PNG")
        png_message = gr.Markdown(elem_id="topics-png-message")
        # No label badge: it would cover the top left of the chart.
        plot = gr.Plot(elem_id="topics-heatmap", label="Partnerships x topics", show_label=False)
        table = gr.Dataframe(headers=CELL_COLUMNS, interactive=False, wrap=True,
                             elem_id="topics-cells")
        lineage_note = gr.Markdown(elem_id="topics-lineage")
        lineage_plot = gr.Plot(elem_id="topics-lineage-sankey", label="Lineage",
                               show_label=False)
        rows_state = gr.State([])
        matrix_state = gr.State(None)  # the matrix drawn, for its PNG
        cell_key = gr.Textbox(visible="hidden", elem_id="topics-cell-key", label="Cell")

        def draw(choice: str | None) -> tuple[Any, ...]:
            try:
                chosen = None if not choice or choice == ANY_YEAR else int(choice)
                matrix = session.workspace.topics(year=chosen)
            except (TypeError, ValueError) as error:
                message = f"**Error:** {str(error).splitlines()[0] if str(error) else error}"
                return None, None, [], message, gr.skip(), gr.skip()
            rows = cell_rows(matrix)
            out = Path(tempfile.mkdtemp(prefix="pkg-topics-")) / "partnership-topics.csv"
            out.write_text(matrix_csv(matrix), encoding="utf-8")
            note = "" if rows else "No priority or theme maps to a topic for that year."
            return (heatmap(matrix), pd.DataFrame(rows, columns=CELL_COLUMNS), rows, note,
                    str(out), matrix)

        def draw_png(matrix: dict[str, Any] | None) -> tuple[Any, str]:
            if not matrix:
                return None, "Choose a year first."
            try:
                out = heatmap_png(matrix, Path(tempfile.mkdtemp(prefix="pkg-topics-")))
            except Exception as error:  # noqa: BLE001
                return None, plain_error(error)
            return str(out), ""

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

        outputs = [plot, table, rows_state, lineage_note, download, matrix_state]
        # Every page load and upload: the store's years now (the drawing follows on load).
        session.refreshers.append((year, lambda: gr.update(
            choices=[ANY_YEAR, *map(str, session.topic_years())])))
        year.change(draw, year, outputs)
        png.click(draw_png, matrix_state, [png_file, png_message]).success(
            None, png_file, None, js=DOWNLOAD_JS)
        session.on_load.append((draw, [year], outputs))
        table.select(open_row, rows_state, [lineage_note, lineage_plot])
        cell_key.change(open_cell, [cell_key, rows_state], [lineage_note, lineage_plot])

