"""The topic scheme and the rules mapping a priority's label to topics, on invented labels."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from rdflib import Graph, URIRef

from partnership_kg.graph.topic_rules import match_label
from partnership_kg.graph.topic_scheme import load_scheme
from partnership_kg.graph.topics import LOW_CONFIDENCE, Mapping, map_labels, write_mapping
from partnership_kg.graph.validate import validate
from partnership_kg.graph.vocab import CSA, RDF, SKOS

TOPIC = "https://w3id.org/partnership-kg/topic/"
SCHEME = load_scheme(mode="extend")


def _rules(label: str) -> list[tuple[str, str, bool]]:
    return [(m.topic.removeprefix(TOPIC), m.method, m.close) for m in match_label(label, SCHEME)]


def test_the_scheme_has_40_to_70_topics_each_defined_with_other_labels() -> None:
    topics = SCHEME.topics.values()
    assert 40 <= len(SCHEME.topics) <= 70
    assert [t.label for t in topics if not t.definition or not t.alt_labels] == []
    for topic in topics:  # broader and narrower agree both ways
        assert all(topic.iri in SCHEME.topics[b].narrower for b in topic.broader)


@pytest.mark.parametrize("label,expected", [
    ("Tackle domestic abuse", [("domestic-abuse", "label", True)]),
    ("Domestic Violence and Abuse", [("domestic-abuse", "label", True)]),
    ("Reducing Re-Offending", [("reoffending", "label", True)]),
    ("Anti-social Behaviour & Nuisance", [("anti-social-behaviour", "label", True)]),
    ("Knife Crime in Riverford", [("knife-crime", "label", False)]),
])
def test_a_label_naming_one_topic_alone_is_a_close_match(label: str,
                                                         expected: list[tuple]) -> None:
    assert _rules(label) == expected


def test_one_label_maps_to_several_topics_in_the_order_it_names_them() -> None:
    assert _rules("Serious violence, drugs and exploitation") == [
        ("serious-violence", "label", False), ("drugs", "label", False),
        ("exploitation", "label", False)]


def test_the_longer_match_wins_where_matches_overlap() -> None:
    assert _rules("Violence Against Women and Girls") == [
        ("violence-against-women-and-girls", "label", True)]
    assert _rules("Serious Violence and Organised Crime") == [
        ("serious-violence", "label", False), ("organised-crime", "label", False)]


def test_acronyms_match_as_whole_words_in_the_case_written() -> None:
    assert _rules("Wessex DA Forum") == [("domestic-abuse", "acronym", False)]
    assert _rules("Domestic & sexual violence and abuse and other VAWG") == [
        ("domestic-abuse", "label", False), ("violence-against-women-and-girls", "acronym", False)]
    assert _rules("Northshire Data Hub") == []  # "Da" inside a word is no acronym
    assert _rules("Fix da roads") == []  # nor one written in lower case


class _Encoder:
    """Vectors chosen by hand: each topic's labels one axis, a label near a topic by design."""

    name = "hand-made"

    def __init__(self, near: dict[str, tuple[str, float]]) -> None:
        self.axis = {iri: index + 2 for index, iri in enumerate(SCHEME.topics)}
        self.near = near

    def encode(self, texts: list[str]) -> np.ndarray:
        size = len(self.axis) + 2
        vectors = np.zeros((len(texts), size), dtype=np.float32)
        owner = {text: iri for iri, t in SCHEME.topics.items() for text in (t.label, *t.alt_labels)}
        for row, text in enumerate(texts):
            if text in self.near:
                iri, cosine = self.near[text]
                vectors[row, self.axis[iri]] = cosine
                vectors[row, 1] = (1 - cosine ** 2) ** 0.5  # the rest points nowhere
            else:
                vectors[row, self.axis.get(owner.get(text, ""), 0)] = 1.0
        return vectors


def test_a_label_no_rule_names_maps_to_the_nearest_topic_by_embedding_with_its_score() -> None:
    encoder = _Encoder({"Helping families stay whole": (TOPIC + "safeguarding", 0.82)})
    (mapping,) = map_labels(["Helping families stay whole"], SCHEME, encoder)[
        "Helping families stay whole"]
    assert (mapping.topic, mapping.method, mapping.score, mapping.close, mapping.low) == (
        TOPIC + "safeguarding", "embedding", 0.82, False, False)


def test_a_weak_embedding_match_is_kept_and_marked_low_without_the_shortcut() -> None:
    encoder = _Encoder({"Brighter tomorrows": (TOPIC + "victims", 0.41)})
    (mapping,) = map_labels(["Brighter tomorrows"], SCHEME, encoder)["Brighter tomorrows"]
    assert mapping.low and mapping.confidence == 0.41 < LOW_CONFIDENCE
    graph, concept = Graph(), URIRef("https://example.org/c")
    node = write_mapping(graph, concept, mapping, [URIRef("https://example.org/evidence")])
    assert graph.value(node, CSA.lowConfidence).toPython() is True
    assert (concept, SKOS.broadMatch, URIRef(mapping.topic)) not in graph


def test_a_rule_match_is_not_sent_to_the_encoder() -> None:
    class Refusing:
        def encode(self, texts: list[str]) -> np.ndarray:
            raise AssertionError(f"encoded {texts}")

    assert [m.method for m in map_labels(["Road Safety"], SCHEME, Refusing())["Road Safety"]] == [
        "label"]


WESSEX_TOPICS = """@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://example.org/topic/seagull-nuisance> a skos:Concept ;
    skos:prefLabel "Seagull nuisance"@en ; skos:altLabel "gull attacks"@en ;
    skos:definition "Gulls stealing food."@en .
"""


def test_a_users_topics_extend_the_scheme_or_replace_it(tmp_path: Path) -> None:
    path = tmp_path / "wessex.ttl"
    path.write_text(WESSEX_TOPICS, encoding="utf-8")
    extended = load_scheme(path, "extend")
    replaced = load_scheme(path, "replace")
    assert len(extended.topics) == len(SCHEME.topics) + 1
    assert [t.label for t in replaced.topics.values()] == ["Seagull nuisance"]
    assert [m.topic for m in match_label("Tackling gull attacks", replaced)] == [
        "https://example.org/topic/seagull-nuisance"]


def test_a_bad_topics_file_is_one_line_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(ValueError, match=r"^PARTNERSHIP_KG_TOPICS: .*broken.ttl is not valid "
                                         r"Turtle") as error:
        load_scheme(broken)
    assert "\n" not in str(error.value)
    with pytest.raises(ValueError, match="no such file"):
        load_scheme(tmp_path / "missing.ttl")
    with pytest.raises(ValueError, match="must be 'extend' or 'replace'"):
        load_scheme(None, "merge")


def test_the_shapes_require_a_mappings_method() -> None:
    graph, concept = Graph(), URIRef("https://example.org/c")
    graph += SCHEME.graph
    mapping = Mapping(TOPIC + "road-safety", True, "label", 0.95, matched="road safety")
    node = write_mapping(graph, concept, mapping, [URIRef("https://example.org/evidence")])
    assert validate(graph)[0]
    graph.remove((node, CSA.method, None))
    conforms, report = validate(graph)
    assert not conforms and "its method" in report


WESSEX_AGREEMENT = """Wessex Community Safety Agreement 2019-22

1. Priorities 2019-22

1.1. The priorities for Wessex are: Road Safety; and Tackling gull attacks.
"""


def test_a_build_maps_to_a_users_extra_topics(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from partnership_kg.graph.build import build_graph
    from partnership_kg.ingest import extract

    (tmp_path / "wessex.ttl").write_text(WESSEX_TOPICS, encoding="utf-8")
    (tmp_path / "wessex_csa_2019.txt").write_text(WESSEX_AGREEMENT, encoding="utf-8")
    monkeypatch.setenv("PARTNERSHIP_KG_TOPICS", str(tmp_path / "wessex.ttl"))
    dataset = build_graph([extract(tmp_path / "wessex_csa_2019.txt")])
    mapped = sorted((str(dataset.value(dataset.value(m, CSA.concept), SKOS.prefLabel)),
                     str(dataset.value(m, CSA.topic)))
                    for m in dataset.subjects(RDF.type, CSA.TopicMapping))
    assert mapped == [("Road Safety", TOPIC + "road-safety"),
                      ("Tackling gull attacks", "https://example.org/topic/seagull-nuisance")]


def test_a_build_with_a_bad_topics_file_stops_in_one_line_and_writes_no_store(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from partnership_kg.ui.cli import cli

    (tmp_path / "broken.ttl").write_text("@prefix nonsense", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "wessex_csa_2019.txt").write_text(WESSEX_AGREEMENT, encoding="utf-8")
    monkeypatch.setenv("PARTNERSHIP_KG_TOPICS", str(tmp_path / "broken.ttl"))
    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "store"), "build",
                                      str(tmp_path / "docs")])
    assert result.exit_code == 2
    assert result.output.strip().startswith("Error: PARTNERSHIP_KG_TOPICS: ")
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "store" / "graph").exists()


def test_answers_count_narrower_topics_and_leave_out_low_confidence_mappings() -> None:
    from partnership_kg.answer.across import _within
    from partnership_kg.graph.query.topics import TopicEntry

    def entry(label: str, topic: str, low: bool) -> TopicEntry:
        return TopicEntry("Wessex Community Safety Partnership", TOPIC + topic, label,
                          "priority", "2019-22", 2019, "wessex.txt", "closeMatch", "label",
                          0.5 if low else 0.95, low, None, "urn:c", None)

    found = [entry("Knife Crime", "knife-crime", False), entry("Gangs", "gangs", False),
             entry("Brighter tomorrows", "serious-violence", True),
             entry("Road Safety", "road-safety", False)]
    assert [e.label for e in _within(SCHEME, TOPIC + "serious-violence", found)] == [
        "Knife Crime", "Gangs"]
