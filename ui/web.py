"""The web UI: one Gradio page with the tabs Ask, Lineage, Explore, Compare, Partnerships, SPARQL,
Documents, Export, over one Workspace loaded once.

``launch`` is what ``partnership-kg serve`` calls; ``build_app`` gives the Blocks for tests.
Everything runs locally: analytics are off, fonts are system fonts, charts use the plotly.js that
Gradio bundles, so the page works with no network.
"""

from __future__ import annotations

import os

# Before gradio is imported: it reads this to decide whether to phone home.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import html  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import gradio as gr  # noqa: E402
import pandas as pd  # noqa: E402
import plotly.graph_objects as go  # noqa: E402
import plotly.io as pio  # noqa: E402

from partnership_kg.graph.queries import (  # noqa: E402
    event_quotes,
    event_when,
    names_over_time,
)
from partnership_kg.ui import charts, web_data  # noqa: E402
from partnership_kg.ui.web_partnerships import partnerships_tab  # noqa: E402
from partnership_kg.ui.web_session import UPLOAD_TYPES, Session  # noqa: E402

UPLOAD_LIMIT_MB = 50
EXPORT_FORMATS = ["ttl", "trig", "nq", "jsonld", "graphml", "gexf", "csv"]
PICTURES = {"lineage": "Lineage Sankey", "timeline": "Lineage timeline",
            "partnership": "Whole-partnership Sankey", "network": "Explore network"}
CSS = """
.pkg-mono textarea { font-family: ui-monospace, 'DejaVu Sans Mono', monospace !important; }
mark { background: #fff3a3; padding: 0 2px; }
.pkg-note { color: #555; font-size: 0.9em; }
"""
THEME = gr.themes.Default(font=["system-ui", "Arial", "sans-serif"],
                          font_mono=["ui-monospace", "DejaVu Sans Mono", "monospace"])


def _table(rows: list[list[Any]], headers: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=headers)


def _plain_error(error: Exception) -> str:
    """One line a user can act on, never a traceback."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return f"**Error:** {text}"


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")[:60] or "graph"


def _figure_json(figure: go.Figure) -> str:
    return figure.to_json()


# -- tab builders: each lays out its components and wires its own events ------------------------

def _ask_tab(session: Session) -> None:
    with gr.Tab("Ask", id="ask"):
        gr.Markdown("Ask a question about the partnership's documents. Answers quote their "
                    "sources, with the file name and page.", elem_classes="pkg-note")
        with gr.Row():
            question = gr.Textbox(label="Question", placeholder="Type a question and press Enter",
                                  scale=5, elem_id="ask-question", autofocus=True)
            ask_button = gr.Button("Ask", variant="primary", scale=1, elem_id="ask-button")
        # Rendered below the examples, so a first-time user sees the suggestions first.
        answer = gr.Markdown(elem_id="ask-answer", render=False)

        def run(text: str) -> str:
            if not text or not text.strip():
                return "Type a question first."
            try:
                return web_data.answer_markdown(session.workspace.ask(text.strip()))
            except Exception as error:  # noqa: BLE001 - shown in plain words
                return _plain_error(error)

        question.submit(run, question, answer)
        ask_button.click(run, question, answer)
        gr.Examples(examples=[[q] for q in session.example_questions()], inputs=question,
                    outputs=answer, fn=run, run_on_click=True, cache_examples=False,
                    label="Try one of these (built from this store's priorities)")
        answer.render()


def _lineage_tab(session: Session, pictures: gr.State, view: gr.State,
                 partnership: gr.Dropdown) -> None:
    with gr.Tab("Lineage", id="lineage"):
        gr.Markdown("The history of a priority or theme across agreement versions: renames, "
                    "expansions, merges and splits, each with the sentence that says so.",
                    elem_classes="pkg-note")
        with gr.Row():
            picker = gr.Dropdown(choices=session.labels(), label="Pick a priority or theme",
                                 value=None, scale=2, elem_id="lineage-pick")
            session.refreshers.append((picker, lambda: gr.update(choices=session.labels())))
            name = gr.Textbox(label="…or type a name (acronyms and past names work)", scale=2,
                              elem_id="lineage-name", placeholder="e.g. an acronym")
            show = gr.Button("Show history", variant="primary", scale=1, elem_id="lineage-show")
        summary = gr.Markdown(elem_id="lineage-summary")
        sankey = gr.Plot(label="Flows between versions", elem_id="lineage-sankey")
        timeline = gr.Plot(label="Timeline", elem_id="lineage-timeline")
        events = gr.Dataframe(label="Change events and their evidence", interactive=False,
                              wrap=True, elem_id="lineage-events",
                              column_widths=["6%", "9%", "16%", "16%", "14%", "5%", "34%"])
        with gr.Accordion("The whole partnership: all priorities across all versions", open=True):
            whole = gr.Plot(elem_id="partnership-sankey")

        def history(text: str, pics: dict[str, str], owner: str | None) -> tuple[Any, ...]:
            text = (text or "").strip()
            if not text:
                return ("Pick or type a name first.", None, None, None, pics, gr.skip())
            try:
                lineage = session.workspace.lineage(text, partnership=session.scope(owner))
            except Exception as error:  # noqa: BLE001
                return (_plain_error(error), None, None, None, pics, gr.skip())
            if not lineage.get("timeline") and not lineage.get("events"):
                return (f"No priority or theme called “{text}” was found.", None, None, None,
                        pics, gr.skip())
            sankey_figure = charts.lineage_sankey(lineage)
            timeline_figure = charts.timeline_figure(lineage)
            # An inferred event: dated between its versions, a quote for each end.
            rows = [[event_when(e).removeprefix("In "), e.get("type"),
                     "; ".join(e.get("from") or []), "; ".join(e.get("to") or []),
                     "; ".join(str(q.get("source")) for q in event_quotes(e)),
                     "; ".join(str(q.get("page")) for q in event_quotes(e)),
                     " … ".join(str(q.get("quote")) for q in event_quotes(e))]
                    for e in lineage.get("events", [])]
            concept = lineage.get("concept") or text
            text_summary = (f"### {concept}\n\nFound from “{html_escape(text)}”. Names over time: "
                            + html_escape(names_over_time(lineage))
                            + f"  \n{len(rows)} change event(s).")
            pics = {**pics, "lineage": _figure_json(sankey_figure),
                    "timeline": _figure_json(timeline_figure)}
            return (text_summary, sankey_figure, timeline_figure,
                    _table(rows, ["year", "change", "from", "to", "source", "page", "quote"]),
                    pics, f"lineage:{concept}")

        outputs = [summary, sankey, timeline, events, pictures, view]
        inputs = [name, pictures, partnership]
        show.click(history, inputs, outputs)
        name.submit(history, inputs, outputs)
        picker.input(lambda label: label, picker, name).then(history, inputs, outputs)

        def whole_partnership(pics: dict[str, str],
                              owner: str | None) -> tuple[go.Figure, dict[str, str]]:
            figure = charts.partnership_sankey(*session.partnership_flows(owner))
            return figure, {**pics, "partnership": _figure_json(figure)}

        # Drawn when the page loads, so the first visit to the tab shows the whole picture;
        # redrawn (with the history shown) for another partnership.
        session.on_load.append((whole_partnership, [pictures, partnership], [whole, pictures]))
        partnership.input(whole_partnership, [pictures, partnership], [whole, pictures]).then(
            history, inputs, outputs)


def html_escape(text: str) -> str:
    return html.escape(text)


def _explore_tab(session: Session, pictures: gr.State, view: gr.State,
                 partnership: gr.Dropdown) -> None:
    with gr.Tab("Explore", id="explore"):
        gr.Markdown("Pick a node to see what it is linked to. Click a row of the table below the "
                    "picture to move there.", elem_classes="pkg-note")
        centre = gr.Dropdown(choices=session.node_choices(partnership.value), label="Centre",
                             value=None, elem_id="explore-centre")
        partnership.input(lambda owner: gr.update(choices=session.node_choices(owner),
                                                  value=None), partnership, centre)
        session.refreshers.append((centre, lambda: gr.update(choices=session.node_choices())))
        picture = gr.Plot(label="Neighbourhood", elem_id="explore-network")
        neighbours = gr.Dataframe(label="Neighbours (click a row to move there)",
                                  interactive=False, elem_id="explore-neighbours")
        ids = gr.State([])

        def draw(node: str | None, pics: dict[str, str]) -> tuple[Any, ...]:
            if not node:
                return None, None, [], pics, gr.skip()
            try:
                graph = session.network()
            except Exception as error:  # noqa: BLE001
                return None, _table([[_plain_error(error)]], ["error"]), [], pics, gr.skip()
            around = web_data.neighbourhood(graph, node)
            figure = charts.network_figure(around, node)
            rows = web_data.neighbour_rows(around, node)
            data = graph.nodes[node] if node in graph else {}
            kind = charts.kind_name(data.get("type"))
            label = str(data.get("label") or node)
            sources = web_data.node_sources(data)
            # What Export's "current view" becomes: the priority, else the document shown.
            current = (f"priority:{label}" if kind in ("priority", "theme")
                       else f"document:{sources[0]}" if sources else "")
            return (figure, _table([r for _, r in rows], ["label", "type", "year", "link"]),
                    [node_id for node_id, _ in rows],
                    {**pics, "network": _figure_json(figure)}, current or gr.skip())

        centre.change(draw, [centre, pictures], [picture, neighbours, ids, pictures, view])

        def move(node_ids: list[str], event: gr.SelectData) -> Any:
            row = event.index[0] if isinstance(event.index, list | tuple) else event.index
            return node_ids[row] if 0 <= row < len(node_ids) else gr.skip()

        neighbours.select(move, ids, centre)


def _compare_tab(session: Session, partnership: gr.Dropdown) -> None:
    with gr.Tab("Compare", id="compare"):
        choices = session.agreement_choices(partnership.value)
        gr.Markdown("Choose two agreement versions to see what changed between them.",
                    elem_classes="pkg-note")
        with gr.Row():
            first = gr.Dropdown(choices=choices, label="From",
                                value=choices[0][1] if choices else None, elem_id="compare-a")
            second = gr.Dropdown(choices=choices, label="To",
                                 value=choices[-1][1] if choices else None, elem_id="compare-b")
            go_button = gr.Button("Compare", variant="primary", elem_id="compare-run")
        for picker in (first, second):
            session.refreshers.append(
                (picker, lambda: gr.update(choices=session.agreement_choices())))
        header = gr.Markdown()
        # The changes of name first: they are what readers of two versions most often miss.
        renamed = gr.Dataframe(label="Renamed, expanded, merged or split", interactive=False,
                               wrap=True, elem_id="compare-renamed",
                               column_widths=["6%", "16%", "16%", "9%", "14%", "5%", "34%"])
        with gr.Row():
            removed = gr.Markdown(elem_id="compare-removed")
            added = gr.Markdown(elem_id="compare-added")
        leads = gr.Markdown()

        def versions_of(owner: str | None) -> tuple[Any, Any]:
            mine = session.agreement_choices(owner)
            return (gr.update(choices=mine, value=mine[0][1] if mine else None),
                    gr.update(choices=mine, value=mine[-1][1] if mine else None))

        partnership.input(versions_of, partnership, [first, second])

        def compare(a: str | None, b: str | None, owner: str | None) -> tuple[Any, ...]:
            if not a or not b:
                return "Choose two agreements.", "", "", None, ""
            try:
                diff = session.workspace.diff(a, b, partnership=session.scope(owner))
            except Exception as error:  # noqa: BLE001
                return _plain_error(error), "", "", None, ""
            return (f"### {_agreement_name(diff.get('from'))} → {_agreement_name(diff.get('to'))}",
                    _bullets("Removed (only in the first)", diff.get("removed")) + "\n\n"
                    + _bullets("Plans no longer linked", diff.get("plans_removed")),
                    _bullets("Added (only in the second)", diff.get("added")) + "\n\n"
                    + _bullets("Plans newly linked", diff.get("plans_added")),
                    _table([[r.get("year"), r.get("from"), r.get("to"), r.get("type"),
                             (r.get("evidence") or {}).get("source"),
                             (r.get("evidence") or {}).get("page"),
                             (r.get("evidence") or {}).get("quote")]
                            for r in diff.get("renamed") or []],
                           ["year", "from", "to", "change", "source", "page", "quote"]),
                    _bullets("Leads changed", diff.get("leads_changed")))

        go_button.click(compare, [first, second, partnership],
                        [header, removed, added, renamed, leads])


def _agreement_name(agreement: Any) -> str:
    if not isinstance(agreement, dict):
        return str(agreement or "?")
    title = str(agreement.get("title") or agreement.get("source"))
    period = str(agreement.get("period") or "")
    return html_escape(title if period in title else f"{title} ({period})")


def _item_text(item: Any) -> str:
    """A diff entry as one markdown line: a label (with its kind and where it is stated), a
    lead change as "priority: old → new", else the entry's fields joined."""
    if not isinstance(item, dict):
        return html_escape(str(item))
    evidence = item.get("evidence") or {}
    where = ""
    if evidence.get("source"):
        page = evidence.get("page")
        where = f" — {html_escape(str(evidence['source']))}" + (f", page {page}" if page else "")
    if "label" in item:
        kind = f" ({html_escape(str(item['kind']))})" if item.get("kind") else ""
        return f"**{html_escape(str(item['label']))}**{kind}{where}"
    if "priority" in item and "from" in item and "to" in item:
        def names(value: Any) -> str:
            return "; ".join(map(str, value)) if isinstance(value, list) else str(value)

        return (f"**{html_escape(str(item['priority']))}**: {html_escape(names(item['from']))}"
                f" → {html_escape(names(item['to']))}{where}")
    return html_escape("; ".join(f"{k}: {v}" for k, v in item.items()
                                 if k != "evidence" and v not in (None, "")))


def _bullets(title: str, items: Any) -> str:
    items = list(items or [])
    if not items:
        return f"**{title}:** none"
    return f"**{title}:**\n\n" + "\n".join(f"- {_item_text(i)}" for i in items)


def _sparql_tab(session: Session) -> None:
    with gr.Tab("SPARQL", id="sparql"):
        gr.Markdown("Read-only SPARQL 1.1 over the graph (prefixes csa:, skos:, dct:, xkos:, "
                    "org:, prov:, oa:, eli: are declared for you). Updates are refused.",
                    elem_classes="pkg-note")
        example = gr.Dropdown(choices=[name for name, _ in web_data.SPARQL_EXAMPLES],
                              label="Example queries", value=None, elem_id="sparql-example")
        query = gr.Textbox(label="Query", lines=8, elem_id="sparql-query",
                           elem_classes="pkg-mono", value=web_data.SPARQL_EXAMPLES[0][1])
        with gr.Row():
            run = gr.Button("Run query", variant="primary", elem_id="sparql-run")
            download = gr.DownloadButton("Download results as CSV", value=None,
                                         elem_id="sparql-csv")
        message = gr.Markdown(elem_id="sparql-message")
        results = gr.Dataframe(label="Results", interactive=False, wrap=True,
                               elem_id="sparql-results")

        examples = dict(web_data.SPARQL_EXAMPLES)
        example.input(lambda name: examples.get(name, ""), example, query)

        def execute(text: str) -> tuple[Any, ...]:
            try:
                rows = session.workspace.sparql(text)
            except Exception as error:  # noqa: BLE001 - UpdateRefused, QueryError ...
                return _plain_error(error), None, None
            if not rows:
                return "No rows.", None, None
            out = Path(tempfile.mkdtemp(prefix="pkg-sparql-")) / "results.csv"
            out.write_text(web_data.rows_to_csv(rows), encoding="utf-8")
            return f"{len(rows)} row(s).", pd.DataFrame(rows), str(out)

        run.click(execute, query, [message, results, download])


def _documents_tab(session: Session) -> gr.Dataframe:
    with gr.Tab("Documents", id="documents"):
        table = gr.Dataframe(value=session.documents_table(), label="What is in the store",
                             interactive=False, wrap=True, elem_id="documents-table")
        gr.Markdown(f"**Add documents.** PDF, Word (.docx), web page (.html) or text files, "
                    f"up to {UPLOAD_LIMIT_MB} MB each. "
                    "They are read, added to the graph and the search index, and the store is "
                    "swapped in only when the build succeeds. A file with the same content as "
                    "one already stored is skipped; a new version of a stored file replaces it.")
        files = gr.File(file_count="multiple", file_types=UPLOAD_TYPES, type="filepath",
                        label="PDF, Word, web page or text files", elem_id="documents-upload")
        add = gr.Button("Add to the store", variant="primary", elem_id="documents-add")
        report = gr.Markdown(elem_id="documents-report")

        # Gradio injects its progress tracker through this default argument.
        def ingest(paths: list[str] | None,
                   progress: gr.Progress = gr.Progress()) -> tuple:  # noqa: B008
            if not paths:
                return "Choose one or more files first.", gr.skip()
            result = session.add_files([Path(p) for p in paths], UPLOAD_LIMIT_MB,
                                       lambda done, total, text: progress((done, total),
                                                                          desc=text))
            return _build_report(result), session.documents_table()

        # After a build, every picker and the headline are redrawn from the reopened store.
        components = [component for component, _ in session.refreshers]
        add.click(ingest, files, [report, table]).then(
            lambda: [update() for _, update in session.refreshers], None, components)
    return table


def _build_report(result: dict[str, Any]) -> str:
    lines = []
    for entry in result.get("ingested", []):
        lines.append(f"- **{html_escape(entry['source'])}** added: {entry.get('type')}, "
                     f"{entry.get('pages')} page(s), {entry.get('chunks')} passage(s)")
    for entry in result.get("unchanged", []):
        lines.append(f"- **{html_escape(entry['source'])}** is already in the store "
                     "(same content)")
    for entry in result.get("failed", []):
        lines.append(f"- **{html_escape(entry['source'])}** was **not added**: "
                     f"{html_escape(str(entry.get('error')))}")
    return "\n".join(lines) or "Nothing to do."


def _export_tab(session: Session, pictures: gr.State, view: gr.State) -> None:
    with gr.Tab("Export", id="export"):
        gr.Markdown("Download the whole graph or the view you are looking at (the last lineage "
                    "or Explore centre), or the current picture.", elem_classes="pkg-note")
        with gr.Row():
            scope = gr.Textbox(label="View (blank = the whole graph; or lineage:NAME, "
                                     "priority:NAME, document:SOURCE)", scale=3,
                               elem_id="export-view")
            fmt = gr.Dropdown(choices=EXPORT_FORMATS, value="ttl", label="Format", scale=1)
            export = gr.Button("Export graph", variant="primary", scale=1, elem_id="export-run")
        graph_file = gr.File(label="Graph download", interactive=False, elem_id="export-file",
                             height=90)
        graph_message = gr.Markdown()
        view.change(lambda v: v, view, scope)

        def export_graph(text: str, format_name: str) -> tuple[Any, str]:
            text = (text or "").strip() or None
            folder = Path(tempfile.mkdtemp(prefix="pkg-export-"))
            out = folder / f"partnership-kg-{_slug(text or 'graph')}.{format_name}"
            try:
                written = session.workspace.export(format_name, out, text)
            except Exception as error:  # noqa: BLE001
                return None, _plain_error(error)
            return str(written), f"Exported {'view ' + text if text else 'the whole graph'}."

        export.click(export_graph, [scope, fmt], [graph_file, graph_message])

        gr.Markdown("**Pictures.** Every chart also has a camera button in its toolbar that "
                    "saves it as PNG in the browser. " + (
                        "PNG and SVG are drawn here with kaleido and the local Chromium."
                        if _kaleido_ready() else
                        "Server-side PNG/SVG needs the optional `kaleido` package, which is not "
                        "installed; HTML (interactive, works offline) is always available."))
        with gr.Row():
            which = gr.Dropdown(choices=[(v, k) for k, v in PICTURES.items()],
                                value="partnership", label="Picture", scale=2)
            picture_format = gr.Dropdown(
                choices=(["png", "svg"] if _kaleido_ready() else []) + ["html"],
                value="png" if _kaleido_ready() else "html", label="Format", scale=1,
                elem_id="export-picture-format")
            save = gr.Button("Save picture", scale=1, elem_id="export-picture")
        picture_file = gr.File(label="Picture download", interactive=False, height=90,
                               elem_id="export-picture-file")
        picture_message = gr.Markdown()

        def save_picture(name: str, format_name: str, pics: dict[str, str]) -> tuple[Any, str]:
            if name not in pics:
                return None, f"Show the {PICTURES.get(name, name)} first, then save it."
            figure = pio.from_json(pics[name])
            out = Path(tempfile.mkdtemp(prefix="pkg-picture-")) / f"{name}.{format_name}"
            try:
                if format_name == "html":
                    # Embeds plotly.js so the file opens without a network.
                    figure.write_html(out, include_plotlyjs=True, full_html=True)
                else:
                    figure.write_image(out, format=format_name, width=1200, height=800)
            except Exception as error:  # noqa: BLE001
                return None, _plain_error(error)
            return str(out), ""

        save.click(save_picture, [which, picture_format, pictures],
                   [picture_file, picture_message])


def _kaleido_ready() -> bool:
    """Whether plotly can render PNG/SVG here: kaleido installed and a Chromium it can drive
    (kaleido 1.x draws with a local Chrome; it never downloads one unless asked)."""
    try:
        import kaleido  # noqa: F401
    except ImportError:
        return False
    return bool(os.environ.get("BROWSER_PATH") or shutil.which("chromium")
                or shutil.which("google-chrome") or shutil.which("chromium-browser"))


# -- the page ------------------------------------------------------------------------------------

def build_app(workspace: Any) -> gr.Blocks:
    """The whole page for an opened Workspace (or anything with its methods)."""
    session = Session(workspace)
    with gr.Blocks(title="Partnership knowledge graph", analytics_enabled=False) as app:
        headline = gr.Markdown(f"# Partnership knowledge graph\n{session.headline()}",
                               elem_id="headline")
        session.refreshers.append(
            (headline, lambda: f"# Partnership knowledge graph\n{session.headline()}"))
        gr.Markdown("Ask a question below, see how a priority changed in **Lineage**, walk the "
                    "graph in **Explore**, or add your own PDFs in **Documents**.",
                    elem_classes="pkg-note")
        pictures = gr.State({})
        view = gr.State("")
        owners = session.partnerships()
        # Whose plans Lineage and Compare show; only a store of several partnerships needs it.
        partnership = gr.Dropdown(choices=owners, value=owners[0] if owners else None,
                                  label="Partnership", visible=len(owners) > 1,
                                  elem_id="partnership-pick")
        with gr.Tabs():
            _ask_tab(session)
            _lineage_tab(session, pictures, view, partnership)
            _explore_tab(session, pictures, view, partnership)
            _compare_tab(session, partnership)
            partnerships_tab(session)
            _sparql_tab(session)
            _documents_tab(session)
            _export_tab(session, pictures, view)
        for fn, inputs, outputs in session.on_load:
            app.load(fn, inputs, outputs)
    return app


def launch(workspace_path: Path | str, host: str = "127.0.0.1", port: int = 7860,
           block: bool = True) -> gr.Blocks:
    """Open the store once and serve the page; binds ``host`` (loopback unless told)."""
    from partnership_kg.workspace import Workspace

    app = build_app(Workspace(Path(workspace_path)))
    app.queue(default_concurrency_limit=2)
    app.launch(server_name=host, server_port=port, share=False, inbrowser=False,
               show_error=False, prevent_thread_lock=not block, theme=THEME, css=CSS,
               quiet=not block)
    return app
