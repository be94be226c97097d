"""Plotly figures for the web UI, built from the plain dicts the Workspace returns.

Every builder takes plain data (the contract's JSON shapes, or a small networkx graph) and returns
a ``go.Figure``; none reads the store, so each is unit-tested with literal inputs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from partnership_kg.graph.queries import event_quotes

# One colour per change type, shared by the Sankeys and the timeline so a user learns it once.
EVENT_COLOURS: dict[str, str] = {
    "introduced": "rgba(44, 160, 44, 0.55)",
    "renamed": "rgba(31, 119, 180, 0.55)",
    "expanded": "rgba(255, 127, 14, 0.55)",
    "merged": "rgba(148, 103, 189, 0.55)",
    "split": "rgba(214, 39, 40, 0.55)",
    "retired": "rgba(127, 127, 127, 0.55)",
    "continued": "rgba(180, 180, 180, 0.35)",
}
# Friendly names for the graph's class names (the projection's ``type``), lower-cased.
KIND_NAMES: dict[str, str] = {
    "crosscuttingtheme": "theme", "legalresource": "act", "documentpart": "document",
    "conceptscheme": "agreement version", "organization": "organisation", "assessmentcount":
    "assessment count", "agendaitem": "agenda item", "actclaim": "act claim",
}


def kind_name(node_type: object) -> str:
    kind = str(node_type or "other").lower()
    return KIND_NAMES.get(kind, kind)


TYPE_COLOURS: dict[str, str] = {
    "priority": "#1f77b4",
    "theme": "#17becf",
    "agreement": "#ff7f0e",
    "document": "#ff7f0e",
    "plan": "#2ca02c",
    "act": "#9467bd",
    "legislation": "#9467bd",
    "lead": "#ff9896",
    "post": "#d62728",
    "organisation": "#8c564b",
    "agreement version": "#ffbb78",
    "meeting": "#e377c2",
}
FONT = {"family": "system-ui, Arial, sans-serif", "size": 12}


def first_year(text: object) -> int | None:
    """The first four-digit year in a period ("2011-14", "April 2024") or a year number."""
    if isinstance(text, int):
        return text
    match = re.search(r"(1[89]|20)\d\d", str(text or ""))
    return int(match.group(0)) if match else None


def empty_figure(message: str) -> go.Figure:
    figure = go.Figure()
    figure.add_annotation(text=message, showarrow=False, font={"size": 14})
    figure.update_layout(xaxis={"visible": False}, yaxis={"visible": False}, height=240,
                         font=FONT, margin={"l": 10, "r": 10, "t": 30, "b": 10})
    return figure


def _norm(label: str) -> str:
    """Labels that differ only in case or spacing are one label ("Anti-social" = "Anti-Social")."""
    return " ".join(label.split()).casefold()


def entry_year(entry: Mapping[str, Any]) -> int | None:
    """A timeline entry's year: its ``year`` where given, else the start of its period."""
    return first_year(entry.get("year")) or first_year(entry.get("period"))


# (source node, target node, change type, hover text)
Link = tuple[int, int, str, str]


class _Nodes:
    """Sankey nodes keyed by (label, year): the same label in two versions is two nodes.

    Labels are matched case-insensitively; a node shows the spelling it was first seen with.
    """

    def __init__(self) -> None:
        self.keys: list[tuple[str, int | None]] = []
        self.shown: list[str] = []
        self.periods: list[str] = []
        self.index: dict[tuple[str, int | None], int] = {}

    def get(self, label: str, year: int | None, period: str | None = None) -> int:
        key = (_norm(label), year)
        if key not in self.index:
            self.index[key] = len(self.keys)
            self.keys.append(key)
            self.shown.append(label)
            self.periods.append(period or (str(year) if year is not None else ""))
        return self.index[key]

    def latest_before(self, label: str, year: int | None) -> int | None:
        """The newest node of ``label`` strictly before ``year`` (where the flow starts)."""
        wanted = _norm(label)
        candidates = [(y, i) for (lab, y), i in self.index.items()
                      if lab == wanted and y is not None and (year is None or y < year)]
        return max(candidates)[1] if candidates else None

    def names(self) -> list[str]:
        """Each node as "label (period)": a version is named by its period as written."""
        return [f"{label} ({period})" if period else label
                for label, period in zip(self.shown, self.periods, strict=True)]


def _layout(nodes: _Nodes, links: list[Link]) -> tuple[list[float],
                                                                              list[float], int]:
    """Node positions: a column per year (left = oldest) and a row ("track") per line of descent,
    so a priority that carries on stays on one horizontal line and changes show as bends."""
    years = [year for _, year in nodes.keys]
    known = [year for year in years if year is not None]
    low, high = (min(known), max(known)) if known else (0, 0)
    xs = [0.01 if year is None or high == low else 0.01 + 0.98 * (year - low) / (high - low)
          for year in years]
    parents: dict[int, list[int]] = {}
    for source, target, _, _ in links:
        parents.setdefault(target, []).append(source)
    track: dict[int, int] = {}
    used: dict[float, set[int]] = {}
    order = sorted(range(len(years)), key=lambda i: (years[i] if years[i] is not None else -1, i))
    next_track = 0
    for node in order:
        taken = used.setdefault(xs[node], set())
        inherited = [track[p] for p in parents.get(node, []) if p in track]
        free = [t for t in inherited if t not in taken]
        if free:
            track[node] = min(free)
        else:
            track[node] = next_track
            next_track += 1
        taken.add(track[node])
    rows = max(next_track, 1)
    ys = [0.01 + 0.98 * (track[i] + 0.5) / rows for i in range(len(years))]
    return xs, ys, rows


def _linked_only(nodes: _Nodes, links: list[Link]
                 ) -> tuple[_Nodes, list[Link]]:
    """Drop nodes no flow touches: plotly skips them when drawing, which would shift the
    explicit x/y positions of every later node onto the wrong one."""
    used = sorted({s for s, _, _, _ in links} | {t for _, t, _, _ in links})
    kept = _Nodes()
    renumber = {}
    for old in used:
        renumber[old] = kept.get(nodes.shown[old], nodes.keys[old][1], nodes.periods[old])
    return kept, [(renumber[s], renumber[t], kind, hover) for s, t, kind, hover in links]


# Width a Sankey must fit its labels into: a report page's picture and an 800 px window alike
# (whose Lineage tab gives a chart about 670 px).
SANKEY_WIDTH_PX = 660
# Width of one character of the chart font, generously (system-ui at 12 px).
CHAR_PX = 7.5


@dataclass
class Flows:
    """Versions of labels (nodes) and the changes between them (links), ready to draw."""

    nodes: _Nodes
    links: list[Link]
    title: str


def sankey_fits(flows: Flows) -> bool:
    """Whether every node's "label (period)" fits its column without running into the next
    column's labels (or past the right edge) at ``SANKEY_WIDTH_PX``."""
    nodes, _ = _linked_only(flows.nodes, flows.links)
    columns = len({year for _, year in nodes.keys})
    longest = max((len(name) for name in nodes.names()), default=0)
    return longest * CHAR_PX + 30 <= SANKEY_WIDTH_PX / max(columns, 1)


def best_figure(flows: Flows) -> go.Figure:
    """The Sankey where its labels fit, else the swimlane timeline (which always fits)."""
    from partnership_kg.ui.swimlane import swimlane_figure

    return sankey_figure(flows) if sankey_fits(flows) else swimlane_figure(flows)


def legend_line(kinds: Iterable[str]) -> str:
    """What each change colour means, in words, as one line of HTML for a chart title."""
    shown = [k for k in EVENT_COLOURS if k in set(kinds) and k != "continued"]
    return "  ".join(f"<span style='color:{solid(EVENT_COLOURS[k])}'>■</span> {k}"
                     for k in shown)


def solid(colour: str) -> str:
    return re.sub(r",\s*0?\.\d+\)$", ", 1)", colour)


def sankey_figure(flows: Flows) -> go.Figure:
    if not flows.links:
        return empty_figure(f"{flows.title}: no changes recorded between versions")
    nodes, links = _linked_only(flows.nodes, flows.links)
    xs, ys, rows = _layout(nodes, links)
    names = nodes.names()
    figure = go.Figure(go.Sankey(
        arrangement="fixed",
        node={"label": names, "pad": 14, "thickness": 12, "x": xs, "y": ys,
              "customdata": names, "hovertemplate": "%{customdata}<extra></extra>",
              "color": "#4a6fa5", "line": {"color": "#333", "width": 0.5}},
        link={
            "source": [s for s, _, _, _ in links],
            "target": [t for _, t, _, _ in links],
            "value": [1] * len(links),
            "color": [EVENT_COLOURS.get(kind, EVENT_COLOURS["continued"])
                      for _, _, kind, _ in links],
            "customdata": [f"{kind}: {hover}" if hover else kind for _, _, kind, hover in links],
            "hovertemplate": "%{source.label} → %{target.label}<br>%{customdata}<extra></extra>",
        },
    ))
    legend = legend_line(kind for _, _, kind, _ in links)
    figure.update_layout(title={"text": f"{flows.title}<br><sup>grey: carried on · {legend}</sup>"
                                if legend else f"{flows.title}<br><sup>grey: carried on</sup>",
                                "font": {"size": 15}},
                         font=FONT, height=max(320, 46 * rows + 140),
                         margin={"l": 10, "r": 10, "t": 70, "b": 10})
    return figure


def lineage_flows(lineage: Mapping[str, Any]) -> Flows:
    """One concept's history: a node per label per version, a flow per change event.

    Timeline entries give the versions the concept was seen in; consecutive versions with the same
    label are joined by a grey "continued" flow; each event joins the newest earlier node of each
    ``from`` label to its ``to`` labels at the event's year (a retirement flows into "Retired").
    """
    nodes = _Nodes()
    # Versions that only carry the label forward (not restated) add columns, not information.
    for entry in sorted(lineage.get("timeline", []), key=lambda e: entry_year(e) or 0):
        if not entry.get("carried"):
            nodes.get(entry["label"], entry_year(entry), entry.get("period"))
    links: list[Link] = []
    events = sorted(lineage.get("events", []), key=lambda e: first_year(e.get("year")) or 0)
    # Event targets first, so a source label seen only in an earlier event still resolves.
    for event in events:
        year = first_year(event.get("year"))
        for label in event.get("to", []):
            nodes.get(label, year)
    for event in events:
        year = first_year(event.get("year"))
        kind = str(event.get("type", "renamed"))
        quote = " … ".join(str(q.get("quote", "")) for q in event_quotes(event))[:160]
        targets = [nodes.get(label, year) for label in event.get("to", [])]
        if kind == "retired" and not targets:
            targets = [nodes.get("Retired", year)]
        for label in event.get("from", []):
            source = nodes.latest_before(label, year)
            if source is None:
                source = nodes.get(label, None)
            links += [(source, target, kind, quote) for target in targets]
    by_label: dict[str, list[tuple[int, int]]] = {}
    for (label, year), index in nodes.index.items():
        if year is not None and label != _norm("Retired"):
            by_label.setdefault(label, []).append((year, index))
    for versions in by_label.values():
        versions.sort()
        for (_, earlier), (_, later) in zip(versions, versions[1:], strict=False):
            links.append((earlier, later, "continued", ""))
    title = f"History of {lineage.get('concept') or lineage.get('query') or 'the concept'}"
    return Flows(nodes, links, title)


def partnership_flows(concepts: Sequence[Mapping[str, Any]],
                      changes: Iterable[Mapping[str, Any]]) -> Flows:
    """All priorities across all agreement versions.

    ``concepts``: ``{"id", "label", "year", "period"?}`` per priority per version; ``changes``:
    ``{"source", "target", "type"}`` between concept ids (associations and same-concept
    continuations). A change whose ends are not both known concepts is dropped, not invented.
    """
    nodes = _Nodes()
    by_id: dict[str, int] = {}
    for concept in sorted(concepts, key=lambda c: (first_year(c.get("year")) or 0,
                                                     str(c["label"]))):
        by_id[str(concept["id"])] = nodes.get(str(concept["label"]),
                                              first_year(concept.get("year")),
                                              concept.get("period"))
    links: list[Link] = []
    seen: set[tuple[int, int]] = set()
    # A typed change wins over a plain continuation between the same two concepts.
    for change in sorted(changes, key=lambda c: str(c.get("type") or "continued") == "continued"):
        source, target = by_id.get(str(change.get("source"))), by_id.get(str(change.get("target")))
        if source is None or target is None or source == target or (source, target) in seen:
            continue
        seen.add((source, target))
        links.append((source, target, str(change.get("type") or "continued"), ""))
    return Flows(nodes, links, "All priorities across agreement versions")


def timeline_figure(lineage: Mapping[str, Any]) -> go.Figure:
    """Labels over time: a dot per version the label appears in, a diamond per change event."""
    timeline = lineage.get("timeline", [])
    events = lineage.get("events", [])
    if not timeline and not events:
        return empty_figure("No history found")
    # One row per label whatever its capitalisation; the exact spelling is in the hover text.
    rows: dict[str, str] = {}
    for label in [e["label"] for e in timeline] + [lab for e in events
                                                   for lab in (e.get("to") or e.get("from") or [])]:
        rows.setdefault(_norm(label), label)

    def row(label: str) -> str:
        return rows[_norm(label)]

    figure = go.Figure()
    figure.add_trace(go.Scatter(
        name="in an agreement (hollow: carried forward, not restated)",
        x=[entry_year(e) for e in timeline],
        y=[row(e["label"]) for e in timeline],
        mode="markers",
        marker={"size": 12, "color": TYPE_COLOURS["priority"],
                "symbol": ["circle-open" if e.get("carried") else "circle" for e in timeline]},
        customdata=[f"“{e['label']}” · {e.get('period')} · {e.get('source')}"
                    + (f" p.{e['page']}" if e.get("page") is not None else "") for e in timeline],
        hovertemplate="%{customdata}<extra></extra>",
    ))
    points = [(event, label) for event in events
              for label in (event.get("to") or event.get("from") or [])]
    figure.add_trace(go.Scatter(
        name="change",
        x=[first_year(event.get("year")) for event, _ in points],
        y=[row(label) for _, label in points],
        mode="markers+text",
        text=[str(event.get("type")) for event, _ in points],
        textposition="top center",
        cliponaxis=False,  # the top row's change name is drawn above the plot, not cut
        marker={"size": 14, "symbol": "diamond",
                "color": [EVENT_COLOURS.get(str(e.get("type")), "#888").replace("0.55", "1")
                          for e, _ in points]},
        hovertemplate="%{y}<br>%{x}: %{text}<extra></extra>",
    ))
    figure.update_layout(title={"text": "Timeline", "font": {"size": 15}}, font=FONT,
                         height=160 + 40 * len(rows),
                         xaxis={"dtick": 1, "tickformat": "d"},
                         yaxis={"automargin": True},
                         legend={"orientation": "h", "y": -0.25},
                         margin={"l": 10, "r": 10, "t": 50, "b": 10})
    return figure
