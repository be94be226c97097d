"""The Lineage tab: one priority's history (chart, timeline, events with their quotes) and the
whole partnership's priorities across versions, drawn when the page loads."""

from __future__ import annotations

from typing import Any

import gradio as gr
import plotly.graph_objects as go

from partnership_kg.graph.queries import event_quotes, event_when, names_over_time
from partnership_kg.ui import charts
from partnership_kg.ui.web_common import counted, escape, plain_error, shown, table
from partnership_kg.ui.web_session import Session

EVENT_COLUMNS = ["year", "change", "from", "to", "source", "page", "quote"]


def _event_rows(lineage: dict[str, Any]) -> list[list[Any]]:
    # An inferred event: dated between its versions, a quote for each end.
    return [[event_when(e).removeprefix("In "), e.get("type"),
             "; ".join(e.get("from") or []), "; ".join(e.get("to") or []),
             "; ".join(str(q.get("source")) for q in event_quotes(e)),
             "; ".join(str(q.get("page")) for q in event_quotes(e)),
             " … ".join(str(q.get("quote")) for q in event_quotes(e))]
            for e in lineage.get("events", [])]


def lineage_tab(session: Session, pictures: gr.State, view: gr.State,
                partnership: gr.Dropdown) -> None:
    with gr.Tab("Lineage", id="lineage"):
        gr.Markdown("The history of a priority or theme across agreement versions: renames, "
                    "expansions, merges and splits, each with the sentence that says so.",
                    elem_classes="pkg-note")
        with gr.Row():
            picker = gr.Dropdown(choices=[], label="Pick a priority or theme", value=None,
                                 scale=2, elem_id="lineage-pick")
            session.refreshers.append((picker, lambda: gr.update(choices=session.labels())))
            name = gr.Textbox(label="…or type a name (acronyms and past names work)", scale=2,
                              elem_id="lineage-name", placeholder="e.g. an acronym")
            show = gr.Button("Show history", variant="primary", scale=1, elem_id="lineage-show")
        summary = gr.Markdown(elem_id="lineage-summary")
        # No label badges on charts: one would cover the top left of the chart's own title.
        history_plot = gr.Plot(label="Flows between versions", elem_id="lineage-sankey",
                               show_label=False)
        timeline = gr.Plot(label="Timeline", elem_id="lineage-timeline", show_label=False)
        events = gr.Dataframe(label="Change events and their evidence", interactive=False,
                              wrap=True, elem_id="lineage-events", elem_classes="pkg-table",
                              column_widths=["8%", "10%", "15%", "15%", "14%", "6%", "32%"])
        with gr.Accordion("The whole partnership: all priorities across all versions", open=True):
            whole = gr.Plot(label="Whole partnership", elem_id="partnership-sankey",
                            show_label=False)

        def history(text: str, pics: dict[str, Any], owner: str | None) -> tuple[Any, ...]:
            text = (text or "").strip()
            if not text:
                return ("Pick or type a name first.", None, None, None, pics, gr.skip())
            try:
                lineage = session.workspace.lineage(text, partnership=session.scope(owner))
            except Exception as error:  # noqa: BLE001
                return (plain_error(error), None, None, None, pics, gr.skip())
            if not lineage.get("timeline") and not lineage.get("events"):
                return (f"No priority or theme called “{escape(text)}” was found. Pick one from "
                        "the list, or try an acronym or a past name.", None, None, None, pics,
                        gr.skip())
            history_figure = charts.best_figure(charts.lineage_flows(lineage))
            timeline_figure = charts.timeline_figure(lineage)
            rows = _event_rows(lineage)
            concept = lineage.get("concept") or text
            text_summary = (f"### {escape(concept)}\n\nMatched from “{escape(text)}”. Names over "
                            f"time: {escape(names_over_time(lineage))}  \n"
                            f"{counted(len(rows), 'change event')}.")
            pics = {**pics, "lineage": shown(history_figure, f"lineage:{concept}"),
                    "timeline": shown(timeline_figure, f"timeline:{concept}")}
            return (text_summary, history_figure, timeline_figure, table(rows, EVENT_COLUMNS),
                    pics, f"lineage:{concept}")

        outputs = [summary, history_plot, timeline, events, pictures, view]
        inputs = [name, pictures, partnership]
        show.click(history, inputs, outputs)
        name.submit(history, inputs, outputs)
        picker.input(lambda label: label, picker, name).then(history, inputs, outputs)

        def whole_partnership(pics: dict[str, Any],
                              owner: str | None) -> tuple[go.Figure, dict[str, Any]]:
            figure = charts.best_figure(
                charts.partnership_flows(*session.partnership_flows(owner)))
            return figure, {**pics, "partnership": shown(figure, f"partnership:{owner or ''}")}

        # Drawn when the page loads, so the first visit to the tab shows the whole picture;
        # redrawn (with the history shown) for another partnership.
        session.on_load.append((whole_partnership, [pictures, partnership], [whole, pictures]))
        partnership.input(whole_partnership, [pictures, partnership], [whole, pictures]).then(
            history, inputs, outputs)
