"""Export: RDF round trips, Gephi formats with labels, CSV edge list, views."""

from __future__ import annotations

import csv
import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import networkx as nx
import pyoxigraph
import pytest
from offline_support import TRACE, off_machine
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from partnership_kg.graph.build import build_graph
from partnership_kg.graph.export import ExportError, export
from partnership_kg.graph.oxigraph import OxigraphStore
from partnership_kg.graph.project import project_networkx
from partnership_kg.graph.vocab import CSA, RDF, SKOS, XKOS
from partnership_kg.ingest import discover, extract
from partnership_kg.ui import pictures

ROOT = Path(__file__).resolve().parent.parent
OX_FORMATS = {"ttl": pyoxigraph.RdfFormat.TURTLE, "trig": pyoxigraph.RdfFormat.TRIG,
              "nq": pyoxigraph.RdfFormat.N_QUADS, "jsonld": pyoxigraph.RdfFormat.JSON_LD}
RDFLIB_FORMATS = {"ttl": "turtle", "trig": "trig", "nq": "nquads", "jsonld": "json-ld"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Dataset, OxigraphStore]:
    documents = [extract(path) for path in sorted(discover([ROOT / "corpus"]))]
    dataset = build_graph(documents)
    path = tmp_path_factory.mktemp("export") / "graph"
    OxigraphStore.create(path, dataset)
    return dataset, OxigraphStore.open(path)


def _graphs(dataset: Dataset) -> dict[str, Graph]:
    found: dict[str, Graph] = {}
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = str(g.identifier if isinstance(g, Graph) else g)
        found.setdefault(name, Graph()).add((s, p, o))
    return found


@pytest.mark.parametrize("fmt", ["ttl", "trig", "nq", "jsonld"])
def test_rdf_exports_round_trip(built: tuple[Dataset, OxigraphStore], fmt: str,
                                tmp_path: Path) -> None:
    dataset, store = built
    out = export(store, fmt, tmp_path / f"graph.{fmt}")
    if fmt == "ttl":
        union = Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            union.add((s, p, o))
        assert isomorphic(Graph().parse(out, format="turtle"), union)
    else:
        reread = Dataset()
        reread.parse(out, format=RDFLIB_FORMATS[fmt])
        expected, got = _graphs(dataset), _graphs(reread)
        assert set(got) == set(expected)
        for name, graph in expected.items():
            assert isomorphic(got[name], graph), name
    quads = list(pyoxigraph.parse(path=str(out), format=OX_FORMATS[fmt]))
    assert len(quads) == (len({(s, p, o) for s, p, o, _ in dataset.quads()})
                          if fmt == "ttl" else store.triples_count())


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_gephi_formats_have_labels_and_types(built: tuple[Dataset, OxigraphStore], fmt: str,
                                             tmp_path: Path) -> None:
    _, store = built
    out = export(store, fmt, tmp_path / f"graph.{fmt}")
    graph = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    labels = {data.get("label") for _, data in graph.nodes(data=True)}
    types = {data.get("type") for _, data in graph.nodes(data=True)}
    assert "Violence Against Women and Girls" in labels
    assert {"Priority", "CrossCuttingTheme", "Post", "Plan", "Agreement"} <= types
    assert graph.number_of_edges() > 100
    # Provenance scaffolding is folded into attributes, not drawn.
    assert "SpecificResource" not in types and "TextQuoteSelector" not in types


def test_csv_is_an_edge_list_with_labels_and_sources(built: tuple[Dataset, OxigraphStore],
                                                     tmp_path: Path) -> None:
    _, store = built
    out = export(store, "csv", tmp_path / "edges.csv")
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["subject_label", "predicate", "object_label", "subject", "object",
                             "source"]
    lead_rows = [row for row in rows if row["predicate"] == "csa:leadPost"]
    assert any(row["object_label"] == "Director Operations" and row["source"] for row in lead_rows)


def test_views(built: tuple[Dataset, OxigraphStore], tmp_path: Path) -> None:
    _, store = built
    document = export(store, "trig", tmp_path / "doc.trig", "document:001_0483db27e68d7cbd.txt")
    reread = Dataset()
    reread.parse(document, format="trig")
    assert {str(name) for name in _graphs(reread)} == {
        "https://w3id.org/partnership-kg/id/graph/001-0483db27e68d7cbd-txt/0"}
    priority = export(store, "ttl", tmp_path / "vawg.ttl", "priority:VAWG")
    text = priority.read_text(encoding="utf-8")
    assert "Violence Against Women and Girls" in text and "oa:exact" in text
    lineage = Graph().parse(export(store, "ttl", tmp_path / "asb.ttl", "lineage:ASB"))
    single = Graph().parse(export(store, "ttl", tmp_path / "asb1.ttl", "priority:ASB"))
    asb = {"Anti-Social Behaviour", "Anti-social Behaviour",
           "Preventing Neighbourhood Crime & ASB"}
    for view in (lineage, single):
        concepts = set(view.subjects(RDF.type, CSA.Priority))
        assert {str(label) for c in concepts for label in view.objects(c, SKOS.prefLabel)} == asb
        # The 2022 expansion, the lineage's one event, comes with its evidence.
        assert len(set(view.subjects(RDF.type, XKOS.ConceptAssociation))) == 1
    with pytest.raises(ExportError):
        export(store, "ttl", tmp_path / "x.ttl", "priority:no such thing at all qqq")
    with pytest.raises(ExportError):
        export(store, "ttl", tmp_path / "x.ttl", "colour:blue")
    with pytest.raises(ExportError):
        export(store, "xlsx", tmp_path / "x.xlsx")


def test_projection_of_a_plain_graph() -> None:
    graph = Graph().parse(data="""
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        @prefix csa: <https://w3id.org/partnership-kg/csa#> .
        <urn:a> a csa:Priority ; skos:prefLabel "A" ; skos:inScheme <urn:s> .
        <urn:s> a skos:ConceptScheme ; skos:prefLabel "S" ; csa:startYear 2030 .
    """, format="turtle")
    projection = project_networkx(graph)
    assert projection.nodes["urn:a"]["label"] == "A"
    assert projection.nodes["urn:s"]["year"] == 2030
    assert [data["predicate"] for _, _, data in projection.edges(data=True)] == ["skos:inScheme"]


# -- pictures: drawn with no network ------------------------------------------------------------

LINEAGE_GOLD = json.loads((ROOT / "tests" / "gold" / "lineage_events.json").read_text("utf-8"))


def _gold_event(query: str) -> dict:
    return next(e for e in LINEAGE_GOLD["narrative"] if e["query"] == query)


def _export_cli(store: Path, *args: str,
                prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    command = [*prefix, sys.executable, "-m", "partnership_kg.ui.cli", "--store", str(store),
               "export", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")


def test_rule_picture_export_sends_nothing_off_the_machine(corpus_store: Path,
                                                           tmp_path: Path) -> None:
    if not shutil.which("strace"):
        if os.environ.get("CI"):
            pytest.fail("strace is needed to prove the picture export stays offline")
        pytest.skip("strace is not installed")
    trace = tmp_path / "trace.txt"
    out = tmp_path / "asb.png"
    result = _export_cli(corpus_store, "--format", "png", "--view", "lineage:ASB", "--out",
                         str(out), prefix=(*TRACE, "-o", str(trace)))
    assert result.returncode == 0, result.stderr
    assert _png_size(out)[0] == 1200
    assert off_machine(trace.read_text(errors="replace")) == []


def test_rule_pictures_are_drawn_inside_a_namespace_with_no_network(corpus_store: Path,
                                                                     tmp_path: Path) -> None:
    # Where namespaces are not allowed .ci/run runs without one too; strace still watches.
    if not shutil.which("unshare") or subprocess.run(
            ["unshare", "-rn", "true"], capture_output=True, check=False).returncode:
        pytest.skip("unshare -rn is not allowed here")
    expected = _gold_event("ASB")
    out = tmp_path / "asb.svg"
    result = _export_cli(corpus_store, "--format", "svg", "--view", "lineage:ASB", "--out",
                         str(out), prefix=("unshare", "-rn"))
    assert result.returncode == 0, result.stderr
    svg = html.unescape(out.read_text("utf-8"))
    # The lane of the label the ASB priority became (a long lane name wraps over two lines).
    drawn = " ".join(re.sub(r"<[^>]+>", " ", svg).split())
    assert expected["to"][0] in drawn
    assert "mathjax" not in svg.lower()


def test_rule_html_picture_embeds_plotly_and_loads_no_script(corpus_store: Path,
                                                             tmp_path: Path) -> None:
    out = tmp_path / "whole.html"
    result = _export_cli(corpus_store, "--format", "html", "--out", str(out))
    assert result.returncode == 0, result.stderr
    page = out.read_text("utf-8")
    assert re.findall(r"<script[^>]*\ssrc=", page) == []
    for event in LINEAGE_GOLD["narrative"]:
        assert json.dumps(event["to"][0])[1:-1] in page  # every gold change's new label drawn


@pytest.mark.parametrize("view", ["bogus:x", "lineage:", "lineage:Wessex Marmalade Priority"])
def test_rule_a_picture_of_an_unknown_view_is_one_line_and_exit_2(corpus_store: Path,
                                                                  tmp_path: Path,
                                                                  view: str) -> None:
    out = tmp_path / "x.png"
    result = _export_cli(corpus_store, "--format", "png", "--view", view, "--out", str(out))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("Error: ")
    assert not out.exists()


def test_rule_picture_file_is_named_after_its_view() -> None:
    assert pictures.file_name("lineage:Anti-Social Behaviour", "png") == (
        "lineage-Anti-Social-Behaviour.png")
    assert pictures.file_name("document:wessex plan.pdf", "svg") == "document-wessex-plan-pdf.svg"
    assert pictures.file_name(None, "html") == "partnership.html"


def test_rule_a_history_picture_of_a_store_of_two_partnerships_needs_one_named(
        tmp_path: Path) -> None:
    from partnership_kg.graph.vocab import CSA, RDF, SKOS

    dataset = Dataset()
    graph = dataset.graph(URIRef("urn:g"))
    for key, name in (("wessex", "Wessex Community Safety Partnership"),
                      ("northshire", "Northshire Community Safety Partnership")):
        graph.add((URIRef(f"urn:p:{key}"), RDF.type, CSA.Partnership))
        graph.add((URIRef(f"urn:p:{key}"), SKOS.prefLabel, Literal(name)))
    workspace = SimpleNamespace(graph=OxigraphStore.create(tmp_path / "graph", dataset))
    with pytest.raises(pictures.PictureError) as refused:
        pictures.view_figure(workspace, "lineage:Road Safety")
    assert str(refused.value) == (
        "the store holds 2 partnerships (Northshire Community Safety Partnership; Wessex "
        "Community Safety Partnership): name one with --partnership")


def test_rule_a_neighbourhood_picture_shows_at_most_25_neighbours_with_a_legend(
        corpus_store: Path) -> None:
    from partnership_kg.workspace import Workspace

    gold = json.loads((ROOT / "tests" / "gold" / "agreements.json").read_text("utf-8"))
    workspace = Workspace(corpus_store)
    label = gold["priorities"]["2014"][3]
    figure = pictures.view_figure(workspace, f"priority:{label}")
    assert figure.layout.title.text == f"Around {label}"
    nodes = figure.data[1]
    assert 2 <= len(nodes.customdata) <= 25 + 1
    assert "priority" in {trace.name for trace in figure.data if trace.showlegend}
    source = sorted(path.name for path in (ROOT / "corpus").glob("*.txt"))[0]
    document = pictures.view_figure(workspace, f"document:{source}")
    # The corpus' 2014-17 agreement links to more than 25 things: the best connected 25 show.
    assert len(document.data[1].customdata) == 25 + 1


def _kaleido_failing(monkeypatch: pytest.MonkeyPatch, failures: int) -> list[int]:
    """kaleido calling its page's script before it loaded, ``failures`` times, then drawing."""
    import kaleido
    from kaleido.errors import JavascriptError

    calls: list[int] = []

    def draw(*_args: object, **_kwargs: object) -> bytes:
        calls.append(1)
        if len(calls) <= failures:
            raise JavascriptError("ReferenceError: kaleido_scopes is not defined")
        return b"\x89PNG drawn"

    monkeypatch.setattr(kaleido, "calc_fig_sync", draw)
    return calls


def test_rule_a_picture_drawn_before_kaleidos_page_loaded_is_drawn_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import plotly.graph_objects as go

    calls = _kaleido_failing(monkeypatch, pictures.DRAW_ATTEMPTS - 1)
    out = pictures.write_picture(go.Figure(), tmp_path / "p.png", "png")
    assert (out.read_bytes(), len(calls)) == (b"\x89PNG drawn", pictures.DRAW_ATTEMPTS)


def test_rule_a_picture_kaleido_never_draws_is_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import plotly.graph_objects as go

    _kaleido_failing(monkeypatch, pictures.DRAW_ATTEMPTS)
    message = (r"^Chromium could not draw the PNG picture \(3 tries\); "
               r"--format html needs no browser$")
    with pytest.raises(pictures.PictureError, match=message):
        pictures.write_picture(go.Figure(), tmp_path / "p.png", "png")
    assert not (tmp_path / "p.png").exists()
