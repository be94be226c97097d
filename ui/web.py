"""The web UI: one Gradio page with the tabs Ask, Lineage, Explore, Compare, Partnerships,
SPARQL, Documents, Export (one module each, ``web_*.py``), over one Workspace held by a ``Session``.

``launch`` is what ``partnership-kg serve`` calls; ``build_app`` gives the Blocks for tests.
Everything the page shows of the store (headline, tables, pickers, suggestions, the whole
partnership's picture) is computed when a page loads and again after an upload, never once
when the page is built, so a reload or a second tab shows the store as it is now. Everything
runs locally: analytics are off, fonts are system fonts, charts use Gradio's bundled plotly.js.
"""

from __future__ import annotations

import os

# Before gradio is imported: it reads this to decide whether to phone home.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import gradio as gr  # noqa: E402

from partnership_kg.ui.web_ask import ask_tab  # noqa: E402
from partnership_kg.ui.web_compare import compare_tab  # noqa: E402
from partnership_kg.ui.web_documents import documents_tab  # noqa: E402
from partnership_kg.ui.web_explore import explore_tab  # noqa: E402
from partnership_kg.ui.web_export import export_tab  # noqa: E402
from partnership_kg.ui.web_lineage import lineage_tab  # noqa: E402
from partnership_kg.ui.web_partnerships import HEATMAP_CLICK_JS, partnerships_tab  # noqa: E402
from partnership_kg.ui.web_session import Session  # noqa: E402
from partnership_kg.ui.web_sparql import sparql_tab  # noqa: E402

CSS = """
.pkg-mono textarea { font-family: ui-monospace, 'DejaVu Sans Mono', monospace !important; }
mark { background: #fff3a3; padding: 0 2px; }
.pkg-note { color: #555; font-size: 0.9em; }
.pkg-page { white-space: pre-wrap; max-height: 32em; overflow-y: auto; padding: 0.5em;
            border: 1px solid #ddd; font-family: ui-monospace, 'DejaVu Sans Mono', monospace; }
/* Tables keep words whole ("year", never "yea/r") and scroll sideways on a narrow window. */
.pkg-table [role=gridcell], .pkg-table [role=gridcell] *,
.pkg-table [role=columnheader], .pkg-table [role=columnheader] * {
  word-break: normal !important; overflow-wrap: normal !important; hyphens: none !important; }
.pkg-table [role=columnheader] { min-width: 5em; }
.pkg-table .virtual-table-viewport, .pkg-table .table-wrap { overflow-x: auto !important; }
"""
# The status a screen reader hears after each action; Gradio's own strings for it are missing
# and it would read out the key ("common.complete").
ANNOUNCEMENTS = gr.I18n(en={"common.complete": "Done", "common.error": "Something went wrong"})
THEME = gr.themes.Default(font=["system-ui", "Arial", "sans-serif"],
                          font_mono=["ui-monospace", "DejaVu Sans Mono", "monospace"])


def _headline(session: Session) -> str:
    return f"# Partnership knowledge graph\n{session.headline()}"


def build_app(workspace: Any) -> gr.Blocks:
    """The whole page for an opened Workspace (or anything with its methods)."""
    session = Session(workspace)
    with gr.Blocks(title="Partnership knowledge graph", analytics_enabled=False) as app:
        headline = gr.Markdown("# Partnership knowledge graph", elem_id="headline")
        session.refreshers.append((headline, lambda: _headline(session)))
        gr.Markdown("Ask a question below, see how a priority changed in **Lineage**, walk the "
                    "graph in **Explore**, or add your own documents in **Documents**.",
                    elem_classes="pkg-note")
        pictures = gr.State({})
        view = gr.State("")
        # Whose plans Lineage and Compare show; only a store of several partnerships shows it.
        partnership = gr.Dropdown(choices=[], value=None, label="Partnership", visible=False,
                                  elem_id="partnership-pick")

        def owners() -> Any:
            names = session.partnerships()
            return gr.update(choices=names, value=names[0] if names else None,
                             visible=len(names) > 1)

        session.refreshers.append((partnership, owners))
        with gr.Tabs():
            ask_tab(session)
            lineage_tab(session, pictures, view, partnership)
            explore_tab(session, pictures, view, partnership)
            compare_tab(session, partnership)
            partnerships_tab(session)
            sparql_tab(session)
            uploaded = documents_tab(session)
            export_tab(session, pictures, view)

        components = [component for component, _ in session.refreshers]

        def refresh() -> list[Any]:
            session.follow_store()
            return [update() for _, update in session.refreshers]

        # On every page load, and after an upload: the store as it is now, then what depends
        # on the partnership picked (the whole partnership's picture).
        for event in (app.load(refresh, None, components),
                      uploaded.then(refresh, None, components)):
            for fn, inputs, outputs in session.on_load:
                event = event.then(fn, inputs, outputs)
    return app


def launch(workspace_path: Path | str, host: str = "127.0.0.1", port: int = 7860,
           block: bool = True) -> gr.Blocks:
    """Open the store once and serve the page; binds ``host`` (loopback unless told)."""
    from partnership_kg.workspace import Workspace

    return serve_app(build_app(Workspace(Path(workspace_path))), host, port, block)


def serve_app(app: gr.Blocks, host: str, port: int, block: bool) -> gr.Blocks:
    """Serve a built page as ``serve`` does (tests serve a page over a stand-in store)."""
    app.queue(default_concurrency_limit=2)
    app.launch(server_name=host, server_port=port, share=False, inbrowser=False,
               show_error=False, prevent_thread_lock=not block, theme=THEME, css=CSS,
               quiet=not block, i18n=ANNOUNCEMENTS, js=HEATMAP_CLICK_JS)
    return app
