"""The Explore picture: a node's neighbourhood as a network, coloured by kind, with a legend."""

from __future__ import annotations

import networkx as nx
import plotly.graph_objects as go

from partnership_kg.ui.charts import FONT, TYPE_COLOURS, empty_figure, kind_name

OTHER = "#7f7f7f"  # the colour of a kind with none of its own


def network_figure(graph: nx.Graph, centre: str) -> go.Figure:
    """A node's neighbourhood: one trace of edges, one of nodes (``customdata`` = node id).

    Node attributes read: ``label`` and ``type``; the centre is drawn larger. Layout is seeded so
    the same neighbourhood always looks the same.
    """
    if graph.number_of_nodes() == 0:
        return empty_figure("Nothing to show")
    simple = nx.Graph(graph)  # parallel edges and direction do not change the picture
    positions = nx.spring_layout(simple, seed=7, k=1.2 / max(1, simple.number_of_nodes()) ** 0.5)
    edge_x: list[float | None] = []
    edge_y: list[float | None] = []
    for a, b in simple.edges():
        edge_x += [positions[a][0], positions[b][0], None]
        edge_y += [positions[a][1], positions[b][1], None]
    nodes = list(simple.nodes())
    types = [kind_name(graph.nodes[n].get("type")) for n in nodes]
    labels = [str(graph.nodes[n].get("label") or n) for n in nodes]
    figure = go.Figure()
    figure.add_trace(go.Scatter(x=edge_x, y=edge_y, mode="lines", hoverinfo="skip",
                                line={"width": 1, "color": "#bbb"}, name="links",
                                showlegend=False))
    figure.add_trace(go.Scatter(
        x=[positions[n][0] for n in nodes], y=[positions[n][1] for n in nodes],
        mode="markers+text", name="nodes", showlegend=False,
        text=[_short(label) for label in labels], textposition="top center",
        customdata=nodes,
        hovertext=[f"{label}<br>({kind})" for label, kind in zip(labels, types, strict=True)],
        hoverinfo="text",
        marker={"size": [26 if n == centre else 14 for n in nodes],
                "color": [TYPE_COLOURS.get(kind, OTHER) for kind in types],
                "line": {"width": [3 if n == centre else 1 for n in nodes], "color": "#222"}},
    ))
    # The legend: one entry per kind shown, in the colour its nodes are drawn in.
    for kind in sorted(set(types)):
        figure.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=kind,
                                    marker={"size": 12, "color": TYPE_COLOURS.get(kind, OTHER)},
                                    hoverinfo="skip", showlegend=True))
    figure.update_layout(
        title={"text": f"Around {graph.nodes[centre].get('label', centre)}"
               if centre in graph else "Neighbourhood", "font": {"size": 15}},
        font=FONT, height=560, showlegend=True,
        legend={"title": {"text": "kind"}, "orientation": "h", "y": -0.02},
        # Room around the outermost nodes for their labels.
        xaxis={"visible": False, "range": _padded([positions[n][0] for n in nodes], 0.25)},
        yaxis={"visible": False, "range": _padded([positions[n][1] for n in nodes], 0.12)},
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
    )
    return figure


def _padded(values: list[float], share: float) -> list[float]:
    low, high = min(values), max(values)
    pad = max(high - low, 1.0) * share
    return [low - pad, high + pad]


def _short(label: str, width: int = 32) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"
