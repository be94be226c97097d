"""The Export tab: the graph or the current view in a format for other tools, and the current
picture as PNG, SVG or HTML, named after what it shows and drawn with no network."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import gradio as gr
import plotly.io as pio

from partnership_kg.ui.pictures import file_name, write_picture
from partnership_kg.ui.web_common import escape, plain_error
from partnership_kg.ui.web_session import Session

EXPORT_FORMATS = ["ttl", "trig", "nq", "jsonld", "graphml", "gexf", "csv"]
PICTURES = {"lineage": "Lineage history", "timeline": "Lineage timeline",
            "partnership": "Whole-partnership history", "network": "Explore network"}


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")[:60] or "graph"


def chromium_ready() -> bool:
    """Whether PNG/SVG can be drawn here: kaleido 1.x draws with a local Chromium and never
    downloads one unless asked."""
    return bool(os.environ.get("BROWSER_PATH") or shutil.which("chromium")
                or shutil.which("google-chrome") or shutil.which("chromium-browser"))


def export_tab(session: Session, pictures: gr.State, view: gr.State) -> None:
    with gr.Tab("Export", id="export"):
        gr.Markdown("Download the whole graph or the view you are looking at (the last lineage "
                    "or Explore centre), or the current picture.", elem_classes="pkg-note")
        with gr.Row():
            scope = gr.Textbox(label="View (blank = the whole graph; or lineage:NAME, "
                                     "priority:NAME, document:SOURCE)", scale=3,
                               elem_id="export-view")
            fmt = gr.Dropdown(choices=EXPORT_FORMATS, value="ttl", label="Format", scale=1,
                              elem_id="export-format")
            export = gr.Button("Export graph", variant="primary", scale=1, elem_id="export-run")
        graph_file = gr.File(label="Graph download", interactive=False, elem_id="export-file",
                             height=90)
        graph_message = gr.Markdown(elem_id="export-message")
        view.change(lambda v: v, view, scope)

        def export_graph(text: str, format_name: str) -> tuple[Any, str]:
            text = (text or "").strip() or None
            folder = Path(tempfile.mkdtemp(prefix="pkg-export-"))
            out = folder / f"partnership-kg-{_slug(text or 'graph')}.{format_name}"
            try:
                written = session.workspace.export(format_name, out, text)
            except Exception as error:  # noqa: BLE001
                return None, plain_error(error)
            return str(written), (f"Exported the view {escape(text)}." if text
                                  else "Exported the whole graph.")

        export.click(export_graph, [scope, fmt], [graph_file, graph_message])

        ready = chromium_ready()
        gr.Markdown("**Pictures**, 1200 pixels wide, named after what they show. " + (
            "PNG and SVG are drawn here by the local Chromium, with no network."
            if ready else "PNG and SVG need Chromium (apt-get install chromium), which is not "
            "installed; HTML (interactive, opens offline) is always available."))
        with gr.Row():
            which = gr.Dropdown(choices=[(v, k) for k, v in PICTURES.items()],
                                value="partnership", label="Picture", scale=2,
                                elem_id="export-picture-which")
            picture_format = gr.Dropdown(choices=(["png", "svg"] if ready else []) + ["html"],
                                         value="png" if ready else "html", label="Format",
                                         scale=1, elem_id="export-picture-format")
            save = gr.Button("Save picture", scale=1, elem_id="export-picture")
        picture_file = gr.File(label="Picture download", interactive=False, height=90,
                               elem_id="export-picture-file")
        picture_message = gr.Markdown(elem_id="export-picture-message")

        def save_picture(name: str, format_name: str, pics: dict[str, Any]) -> tuple[Any, str]:
            if name not in pics:
                return None, f"Show the {PICTURES.get(name, name)} first, then save it."
            figure = pio.from_json(pics[name]["figure"])
            out = Path(tempfile.mkdtemp(prefix="pkg-picture-")) / file_name(pics[name]["view"],
                                                                            format_name)
            try:
                write_picture(figure, out, format_name)
            except Exception as error:  # noqa: BLE001
                return None, plain_error(error)
            return str(out), ""

        save.click(save_picture, [which, picture_format, pictures],
                   [picture_file, picture_message])
