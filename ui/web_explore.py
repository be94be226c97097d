"""The Explore tab: a node's neighbourhood (at most ``NEIGHBOURS`` at first, "Show more" for
more), its legend, and a table of neighbours whose link reads as words."""

from __future__ import annotations

from typing import Any

import gradio as gr

from partnership_kg.ui import charts, web_data
from partnership_kg.ui.network_chart import network_figure
from partnership_kg.ui.web_common import counted, plain_error, shown, table
from partnership_kg.ui.web_session import Session

NEIGHBOURS = 25


def explore_tab(session: Session, pictures: gr.State, view: gr.State,
                partnership: gr.Dropdown) -> None:
    with gr.Tab("Explore", id="explore"):
        gr.Markdown("Pick a node to see what it is linked to. Click a row of the table below the "
                    "picture to move there.", elem_classes="pkg-note")
        centre = gr.Dropdown(choices=[], label="Centre", value=None, elem_id="explore-centre")
        partnership.input(lambda owner: gr.update(choices=session.node_choices(owner),
                                                  value=None), partnership, centre)
        session.refreshers.append((centre, lambda: gr.update(choices=session.node_choices())))
        # No label badge: it would cover the top left of the chart's title.
        picture = gr.Plot(label="Neighbourhood", elem_id="explore-network", show_label=False)
        with gr.Row():
            shown_note = gr.Markdown(elem_id="explore-count")
            more = gr.Button("Show more", visible=False, elem_id="explore-more", scale=0)
        neighbours = gr.Dataframe(label="Neighbours (click a row to move there)",
                                  interactive=False, wrap=True, elem_id="explore-neighbours",
                                  elem_classes="pkg-table")
        ids = gr.State([])
        limit = gr.State(NEIGHBOURS)

        def draw(node: str | None, size: int, pics: dict[str, Any]) -> tuple[Any, ...]:
            if not node:
                return None, None, [], pics, gr.skip(), "", gr.update(visible=False)
            try:
                graph = session.network()
            except Exception as error:  # noqa: BLE001
                return (None, table([[plain_error(error)]], ["error"]), [], pics, gr.skip(), "",
                        gr.update(visible=False))
            around = web_data.neighbourhood(graph, node, size)
            total = web_data.neighbour_count(graph, node)
            figure = network_figure(around, node)
            rows = web_data.neighbour_rows(around, node, graph)
            data = graph.nodes[node] if node in graph else {}
            kind = charts.kind_name(data.get("type"))
            label = str(data.get("label") or node)
            sources = web_data.node_sources(data)
            # What Export's "current view" becomes: the priority, else the document shown.
            current = (f"priority:{label}" if kind in ("priority", "theme")
                       else f"document:{sources[0]}" if sources else "")
            note = (f"Showing {len(rows)} of {counted(total, 'neighbour')}, the best connected "
                    "first." if total > len(rows) else f"{counted(total, 'neighbour')}.")
            return (figure, table([r for _, r in rows], ["label", "kind", "year", "link"]),
                    [node_id for node_id, _ in rows],
                    {**pics, "network": shown(figure, f"explore:{label}")}, current or gr.skip(),
                    note, gr.update(visible=total > len(rows)))

        outputs = [picture, neighbours, ids, pictures, view, shown_note, more]
        # A new centre starts again with the first few neighbours.
        centre.change(lambda: NEIGHBOURS, None, limit).then(
            draw, [centre, limit, pictures], outputs)
        more.click(lambda size: size + NEIGHBOURS, limit, limit).then(
            draw, [centre, limit, pictures], outputs)

        def move(node_ids: list[str], event: gr.SelectData) -> Any:
            row = event.index[0] if isinstance(event.index, list | tuple) else event.index
            return node_ids[row] if 0 <= row < len(node_ids) else gr.skip()

        neighbours.select(move, ids, centre)
