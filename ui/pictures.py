"""Pictures of a view (PNG, SVG or a self-contained HTML page), drawn with no network.

PNG and SVG come from kaleido driving the local Chromium over a pipe. Kaleido's page would load
MathJax from a CDN unless told not to, so it is always given ``mathjax=False`` and plotly.js from
the plotly package; HTML embeds that plotly.js. The same figures as the web UI's, named alike.
"""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import plotly
import plotly.graph_objects as go

from partnership_kg.ui import charts, web_data
from partnership_kg.ui.network_chart import network_figure

PICTURE_FORMATS = ("png", "svg", "html")
WIDTH_PX = 1200
MIN_HEIGHT_PX = 500
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
# How many neighbours a network picture shows (the web UI offers "show more").
NEIGHBOURS = 25


DRAW_ATTEMPTS = 3  # kaleido's page not yet loaded is retried this many times in all


class PictureError(ValueError):
    """A view or format that cannot be drawn; the message is fit to show a user."""


def file_name(view: str | None, fmt: str) -> str:
    """The picture's file name after what it shows: ``lineage-Anti-Social-Behaviour.png``."""
    kind, _, name = (view or "partnership:").partition(":")
    slug = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-")[:60]
    return f"{kind}-{slug}.{fmt}" if slug else f"{kind}.{fmt}"


def view_figure(workspace: Any, view: str | None, partnership: str | None = None) -> go.Figure:
    """The figure of a view: no view, the whole partnership; ``lineage:NAME`` its history;
    ``priority:NAME`` and ``document:SOURCE`` their neighbourhood in the graph."""
    kind, _, name = (view or "").partition(":")
    name = name.strip()
    if view and (kind not in ("lineage", "priority", "document") or not name):
        raise PictureError(f"unknown view {view!r}: use lineage:NAME, priority:NAME or "
                           "document:SOURCE")
    if not view or kind == "lineage":
        partnership = _one_partnership(workspace, partnership)
    if not view:
        return charts.best_figure(charts.partnership_flows(
            *web_data.partnership_flows(workspace, partnership)))
    if kind == "lineage":
        lineage = workspace.lineage(name, partnership=partnership)
        if not lineage.get("timeline") and not lineage.get("events"):
            raise PictureError(f"no priority or theme matches {name!r}")
        return charts.best_figure(charts.lineage_flows(lineage))
    from partnership_kg.graph.names import file_iri, part_iri
    from partnership_kg.graph.project import project_networkx

    graph = project_networkx(workspace.graph.dataset())
    if kind == "priority":
        from partnership_kg.graph.resolve import resolve_concepts

        found = [iri for iri in resolve_concepts(workspace.graph, name) if iri in graph]
        if not found:
            raise PictureError(f"no priority or theme matches {name!r}")
        centre = found[0]
    else:
        # The file's first document part: what its text says (the file node only holds parts).
        centre = next((str(iri) for iri in (part_iri(name, 0), file_iri(name))
                       if str(iri) in graph), "")
        if not centre:
            raise PictureError(f"no document {name!r} in the store")
    return network_figure(web_data.neighbourhood(graph, centre, NEIGHBOURS), centre)


def _one_partnership(workspace: Any, name: str | None) -> str | None:
    """The partnership a history picture is of: the one named; else the store's only one. Two
    partnerships' plans are never drawn as one history."""
    from partnership_kg.graph.query.partnerships import match, partnerships

    if name:
        return match(workspace.graph, name).label
    owners = [p.label for p in partnerships(workspace.graph)]
    if len(owners) > 1:
        raise PictureError(f"the store holds {len(owners)} partnerships ({'; '.join(owners)}): "
                           "name one with --partnership")
    return None


@contextmanager
def _black_hole() -> Iterator[str]:
    """A proxy address on loopback that refuses every connection: Chromium sends any request of
    its own (sign-in, updates, a script from a CDN) there instead of resolving a name, so nothing
    it does leaves the machine. The port is bound but never listened on, so no one else holds it.
    """
    with socket.socket() as hole:
        hole.bind(("127.0.0.1", 0))
        yield f"http://127.0.0.1:{hole.getsockname()[1]}"


def write_picture(figure: go.Figure, out: Path, fmt: str) -> Path:
    """Write ``figure`` as ``fmt``; nothing is fetched from the network."""
    if fmt not in PICTURE_FORMATS:
        raise PictureError(f"unknown picture format {fmt!r}: use one of "
                           f"{', '.join(PICTURE_FORMATS)}")
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "html":
        figure.write_html(out, include_plotlyjs=True, full_html=True)
        return out
    import kaleido
    from kaleido.errors import ChromeNotFoundError, JavascriptError

    # The figure's own height where it needs more room than the minimum (a lane per name).
    height = max(MIN_HEIGHT_PX, int(figure.layout.height or 0))
    for attempt in range(DRAW_ATTEMPTS):
        try:
            with _black_hole() as proxy:
                data = kaleido.calc_fig_sync(
                    figure.to_dict(), opts={"format": fmt, "width": WIDTH_PX, "height": height},
                    kopts={"mathjax": False, "plotlyjs": str(PLOTLY_JS), "proxy_server": proxy})
            break
        except ChromeNotFoundError:
            raise PictureError(f"{fmt.upper()} pictures are drawn by a local Chromium and none "
                               "was found (apt-get install chromium); --format html needs none"
                               ) from None
        except JavascriptError as error:
            # On a busy machine kaleido can call its page's script before it has loaded
            # ("kaleido_scopes is not defined"); a fresh page draws it.
            if "is not defined" not in str(error) or attempt + 1 == DRAW_ATTEMPTS:
                raise PictureError(f"Chromium could not draw the {fmt.upper()} picture "
                                   f"({DRAW_ATTEMPTS} tries); --format html needs no browser"
                                   ) from None
    out.write_bytes(data)
    return out


def export_picture(workspace: Any, fmt: str, out: Path, view: str | None = None,
                   partnership: str | None = None) -> Path:
    """What ``export --format png|svg|html`` does."""
    return write_picture(view_figure(workspace, view, partnership), Path(out), fmt)
