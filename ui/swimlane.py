"""The swimlane timeline: one lane per label, a dot per version it is in, and each change as a
connector between lanes in the change's colour, named in the legend.

Drawn where a Sankey's labels would not fit (``charts.best_figure``): lane names sit on the y axis,
which grows to hold them, so no label is ever overprinted or cut, in a 1366 px window or an 800 px
one: long names wrap, the versions under the dots take turns below and above, year ticks thin
out over a long span, and the legend has a band of its own under the title.
"""

from __future__ import annotations

import math
import textwrap

import plotly.graph_objects as go

from partnership_kg.ui.charts import (
    EVENT_COLOURS,
    FONT,
    TYPE_COLOURS,
    Flows,
    empty_figure,
    solid,
)

LANE_PX = 40  # height of one lane: a dot and the version written under it
LINE_PX = 15  # one line of a wrapped lane name
LANE_NAME_CHARS = 26  # a lane name wraps here, so the names leave the dots room at 800 px
TITLE_PX = 40  # from the top of the picture to the middle of the title's two lines
YEAR_TICKS = 8  # at most this many year ticks: 8 four-digit years fit the narrowest plot
CONTINUED = "#b0b0b0"  # a label carried on: visible on white and on the grid, never loud


def lanes(flows: Flows) -> list[str]:
    """Lane names, one per label (case and spacing aside), oldest first, then alphabetical."""
    first_seen: dict[str, tuple[int, str]] = {}
    for index, (key, year) in enumerate(flows.nodes.keys):
        known = first_seen.get(key)
        start = year if year is not None else 0
        if known is None or start < known[0]:
            first_seen[key] = (start, flows.nodes.shown[index])
    ordered = sorted(first_seen.items(), key=lambda item: (item[1][0], item[0]))
    return [shown for _, (_, shown) in ordered]


def wrapped(name: str) -> str:
    """A lane name on lines of at most ``LANE_NAME_CHARS`` (a longer single word stays whole)."""
    return "<br>".join(textwrap.wrap(name, LANE_NAME_CHARS, break_long_words=False)) or name


def year_step(years: list[int]) -> int:
    """Whole years between ticks, so that no more than ``YEAR_TICKS`` are drawn."""
    span = max(years) - min(years) if years else 0
    return max(1, math.ceil(span / YEAR_TICKS))


def text_sides(xs: list[float], ys: list[int]) -> list[str]:
    """Where each dot's version is written: along a lane, the versions take turns below and
    above their dots, so two neighbouring versions never print over each other."""
    sides = [""] * len(xs)
    for lane in set(ys):
        along = sorted((x, i) for i, (x, y) in enumerate(zip(xs, ys, strict=True)) if y == lane)
        for turn, (_, index) in enumerate(along):
            sides[index] = "bottom center" if turn % 2 == 0 else "top center"
    return sides


def swimlane_figure(flows: Flows) -> go.Figure:
    nodes = flows.nodes
    if not nodes.keys:
        return empty_figure(f"{flows.title}: nothing recorded")
    names = lanes(flows)
    lane_of = {name.casefold(): row for row, name in enumerate(names)}
    known = [year for _, year in nodes.keys if year is not None]
    # A version of unknown year is drawn at the start, where it can only have come before.
    earliest = min(known) if known else 0
    xs = [year if year is not None else earliest for _, year in nodes.keys]
    ys = [lane_of[" ".join(label.split()).casefold()] for label in nodes.shown]
    figure = go.Figure()
    kinds = [kind for kind in EVENT_COLOURS if any(k == kind for _, _, k, _ in flows.links)]
    for kind in kinds:
        segment_x: list[float | None] = []
        segment_y: list[float | None] = []
        hover: list[str] = []
        for source, target, link_kind, quote in flows.links:
            if link_kind == kind:
                segment_x += [xs[source], xs[target], None]
                segment_y += [ys[source], ys[target], None]
                hover += [f"{kind}: {quote}" if quote else kind] * 3
        continued = kind == "continued"
        figure.add_trace(go.Scatter(
            x=segment_x, y=segment_y, mode="lines", name="carried on" if continued else kind,
            line={"color": CONTINUED if continued else solid(EVENT_COLOURS[kind]),
                  "width": 2 if continued else 3},
            hovertext=hover, hoverinfo="text", showlegend=not continued))
    names_shown = nodes.names()
    figure.add_trace(go.Scatter(
        x=xs, y=ys, mode="markers+text", name="in a version", customdata=names_shown,
        hovertemplate="%{customdata}<extra></extra>",
        # The version under each dot, in its own words ("2014-17", "April 2022").
        text=nodes.periods, textposition=text_sides(xs, ys),
        textfont={"size": 9, "color": "#444"},
        marker={"size": 11, "color": TYPE_COLOURS["priority"], "line": {"width": 1,
                                                                       "color": "#222"}}))
    lane_names = [wrapped(name) for name in names]
    lane_px = max([LANE_PX] + [LINE_PX * (name.count("<br>") + 1) + 10 for name in lane_names])
    height = 190 + lane_px * len(names)
    figure.update_layout(
        # The title's first line on the middle of the top margin; the legend's band (room for
        # two rows) between it and the lanes.
        title={"text": f"{flows.title}<br><sup>one lane per name, a dot per version; coloured "
                       "connectors are changes (see the legend)</sup>", "font": {"size": 15},
               "y": 1 - TITLE_PX / height, "yanchor": "middle"},
        font=FONT, height=height, template="plotly_white",
        xaxis={"dtick": year_step(known), "tick0": earliest, "tickformat": "d",
               "title": {"text": "year"}},
        # The first lane at the top; room below the last lane for the versions written there.
        yaxis={"tickvals": list(range(len(names))), "ticktext": lane_names, "automargin": True,
               "range": [len(names) - 0.35, -0.6], "zeroline": False},
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0},
        margin={"l": 10, "r": 20, "t": 130, "b": 40})
    return figure
