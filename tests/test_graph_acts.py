"""Acts matched to the verified reference table, section references, and the user's own table.

Every sentence here is invented (Wessex, Northshire); the Acts are real, as the table is.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Literal, URIRef

from partnership_kg.graph import act_sections
from partnership_kg.graph.acts_table import (
    BUNDLED,
    ActsTable,
    ActsTableError,
    TableAct,
    load_table,
    read_table,
)
from partnership_kg.graph.build import build_graph
from partnership_kg.graph.validate import validate
from partnership_kg.graph.vocab import CSA, DCTERMS, ELI, OA, OWL, PROV, RDF, RDFS, mint
from partnership_kg.ingest.model import Block, Document, Page, Part
from partnership_kg.ui.cli import cli

LEG = "http://www.legislation.gov.uk/id/"


def _build(*sentences: str) -> Dataset:
    blocks = [Block("paragraph", text, 1) for text in sentences]
    part = Part(0, "report", "Northshire Community Safety Report", None, None, 1, 1, blocks)
    text = "\n".join(sentences)
    return build_graph([Document("northshire.txt", "/tmp/northshire.txt", "0" * 64, "text",
                                 [Page(1, text)], [part])])


def _acts(dataset: Dataset) -> set[URIRef]:
    return set(dataset.subjects(RDF.type, ELI.LegalResource))


def _quotes(dataset: Dataset, node: URIRef) -> set[str]:
    return {str(quote) for evidence in dataset.objects(node, PROV.wasDerivedFrom)
            for quote in dataset.objects(evidence, OA.hasSelector / OA.refinedBy / OA.exact)}


# -- the bundled table ------------------------------------------------------------------------

def test_every_bundled_row_is_verified_and_well_formed() -> None:
    with BUNDLED.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 50
    for row in rows:
        assert row["verified"].strip(), row["title"]
        assert row["uri"] == f"{LEG}{row['type']}/{row['year']}/{row['number']}"
    keys = [(row["title"].lower(), row["year"]) for row in rows]
    assert len(keys) == len(set(keys))
    titles = {f"{row['title']} {row['year']}" for row in rows}
    assert {"Crime and Disorder Act 1998", "Policing and Crime Act 2009",
            "Anti-social Behaviour, Crime and Policing Act 2014",
            "Well-being of Future Generations (Wales) Act 2015",
            "Violence against Women, Domestic Abuse and Sexual Violence (Wales) Act 2015",
            "Local Government (Wales) Measure 2009"} <= titles


# -- matching ---------------------------------------------------------------------------------

def test_exact_match_links_the_act_and_keeps_the_texts_words() -> None:
    dataset = _build("Northshire partners meet the duty in the Crime & Disorder Act 1998.")
    (act,) = _acts(dataset)
    assert act == mint("act", "crime and disorder act 1998")
    assert set(dataset.objects(act, OWL.sameAs)) == {URIRef(f"{LEG}ukpga/1998/37")}
    assert set(dataset.objects(act, DCTERMS.title)) == {Literal("Crime and Disorder Act 1998")}
    assert set(dataset.objects(act, RDFS.label)) == {Literal("Crime & Disorder Act 1998")}


def test_a_misnamed_act_is_one_node_with_both_wordings() -> None:
    dataset = _build("Reoffending was added by the Police and Crime Act 2009.",
                     "Northshire reviewed the Policing and Crime Act 2009 in 2031.")
    (act,) = _acts(dataset)
    assert set(dataset.objects(act, OWL.sameAs)) == {URIRef(f"{LEG}ukpga/2009/26")}
    assert {str(label) for label in dataset.objects(act, RDFS.label)} == {
        "Police and Crime Act 2009", "Policing and Crime Act 2009"}
    assert str(dataset.value(act, DCTERMS.title)) == "Policing and Crime Act 2009"
    assert {str(how) for how in dataset.objects(act, CSA.foundBy)} == {
        "acts table (fuzzy)", "acts table (exact)"}
    assert _quotes(dataset, act) == {"Police and Crime Act 2009", "Policing and Crime Act 2009"}


def test_fuzzy_match_needs_the_year_and_the_distinctive_words() -> None:
    table = ActsTable([TableAct("Police Act", 1997, f"{LEG}ukpga/1997/50"),
                       TableAct("Policing and Crime Act", 2009, f"{LEG}ukpga/2009/26")])
    assert table.match("Police Act", 1996) is None  # a different year is a different Act
    assert table.match("Policing and Crime Act", 2017) is None
    assert table.match("Police Act", 1997) == (table.rows[0], "exact")
    assert table.match("Police & Crime Act", 2009) == (table.rows[1], "fuzzy")
    bundled = load_table()
    # "anti-social behaviour" is missing: not the Anti-social Behaviour, Crime and Policing Act.
    assert bundled.match("Crime and Policing Act", 2014) is None
    assert bundled.match("Health and Care Act", 2012) is None  # "social" is missing
    found = bundled.match("Anti-Social Behaviour, Police & Crime Act", 2014)
    assert found is not None and found[0].uri == f"{LEG}ukpga/2014/12"


def test_an_act_not_in_the_table_keeps_its_title_and_year_key() -> None:
    dataset = _build("The Crime and Policing Act 2014 and the Wessex Harbour Act 2031 apply.")
    assert _acts(dataset) == {mint("act", "crime and policing act 2014"),
                              mint("act", "wessex harbour act 2031")}
    assert list(dataset.objects(None, OWL.sameAs)) == []


# -- section references -----------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "sections", "quote"), [
    ("Northshire meets section 17 of the Crime and Disorder Act 1998 in full.",
     ["ukpga/1998/37/section/17"], "section 17 of the Crime and Disorder Act 1998"),
    ("Wessex follows sections 5-7 of the Licensing Act 2003.",
     ["ukpga/2003/17/section/5", "ukpga/2003/17/section/6", "ukpga/2003/17/section/7"],
     "sections 5-7 of the Licensing Act 2003"),
    ("Wessex relies on s.17(1) of the Crime and Disorder Act 1998.",
     ["ukpga/1998/37/section/17"], "s.17(1) of the Crime and Disorder Act 1998"),
    ("Wessex relies on the Licensing Act 2003, s.4 and s.5 only.",
     ["ukpga/2003/17/section/4", "ukpga/2003/17/section/5"], "Licensing Act 2003, s.4 and s.5"),
    ("The partnership's s17 of the CDA duty applies.", ["ukpga/1998/37/section/17"],
     "s17 of the CDA"),
])
def test_section_references_link_to_section_uris(sentence: str, sections: list[str],
                                                 quote: str) -> None:
    dataset = _build(sentence)
    found = set(dataset.subjects(RDF.type, ELI.LegalResourceSubdivision))
    assert {str(dataset.value(node, OWL.sameAs)) for node in found} == {
        LEG + section for section in sections}
    for node in found:
        assert _quotes(dataset, node) == {quote}
        act = dataset.value(node, ELI.is_part_of)
        assert (act, RDF.type, ELI.LegalResource) in dataset
        assert str(dataset.value(act, OWL.sameAs)) == LEG + sections[0].split("/section")[0]


def test_an_abbreviated_act_resolves_to_the_one_the_part_names() -> None:
    dataset = _build("Wessex Harbour Act 2031 governs the quays.",
                     "Under section 6 of the 2031 Act and s.7 of the WHA wardens patrol.")
    act = mint("act", "wessex harbour act 2031")
    parts = {str(dataset.value(node, ELI.number)): dataset.value(node, ELI.is_part_of)
             for node in dataset.subjects(RDF.type, ELI.LegalResourceSubdivision)}
    assert parts == {"6": act, "7": act}
    assert list(dataset.objects(None, OWL.sameAs)) == []  # not in the table: no link invented


def test_section_numbers_expand() -> None:
    assert act_sections.expand("5-7") == ("5", "6", "7")
    assert act_sections.expand("5 to 7 and 9") == ("5", "6", "7", "9")
    assert act_sections.expand("17A, 17B") == ("17A", "17B")
    assert act_sections.expand("17(1)(a)") == ("17",)
    assert act_sections.expand("3-900") == ("3", "900")  # not a range anyone means


# -- the user's table -------------------------------------------------------------------------

def test_a_users_csv_extends_the_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "acts.csv"
    extra.write_text("title,year,uri\nWessex Harbour Act,2031,"
                     "http://www.legislation.gov.uk/id/ukpga/2031/5\n", encoding="utf-8")
    monkeypatch.setenv("PARTNERSHIP_KG_ACTS", str(extra))
    dataset = _build("Section 2 of the Wessex Harbour Act 2031 and the Care Act 2014 apply.")
    same = {str(same) for same in dataset.objects(None, OWL.sameAs)}
    assert same == {f"{LEG}ukpga/2031/5", f"{LEG}ukpga/2031/5/section/2", f"{LEG}ukpga/2014/23"}


@pytest.mark.parametrize(("content", "message"), [
    ("name,year,uri\nWessex Harbour Act,2031,x\n", "missing column(s) title"),
    ("title,year,uri\nWessex Harbour Act,31,http://www.legislation.gov.uk/id/ukpga/2031/5\n",
     "row 2: year '31'"),
    ("title,year,uri\nWessex Harbour Act,2031,https://example.org/act\n", "row 2: uri"),
    ("title,year,uri\nWessex Harbour,2031,http://www.legislation.gov.uk/id/ukpga/2031/5\n",
     "should end in Act"),
])
def test_a_malformed_users_csv_is_a_one_line_error(tmp_path: Path, content: str,
                                                   message: str) -> None:
    bad = tmp_path / "acts.csv"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ActsTableError, match=re.escape(message)) as error:
        read_table(bad)
    assert "\n" not in str(error.value)


def test_the_cli_reports_a_bad_acts_table_in_one_line(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "northshire.txt").write_text("Northshire applies the Care Act 2014.\n",
                                           encoding="utf-8")
    bad = tmp_path / "acts.csv"
    bad.write_text("title;year;uri\n", encoding="utf-8")
    monkeypatch.setenv("PARTNERSHIP_KG_ACTS", str(bad))
    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "store"), "build", str(folder)])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0
    assert "acts table" in result.output and "Traceback" not in result.output
    monkeypatch.setenv("PARTNERSHIP_KG_ACTS", str(tmp_path / "absent.csv"))
    with pytest.raises(ActsTableError, match="no such file"):
        load_table()


def test_section_nodes_conform_to_the_shapes_and_the_shape_catches_an_orphan() -> None:
    dataset = _build("Northshire meets section 17 of the Crime and Disorder Act 1998 in full.")
    assert validate(dataset)[0]
    (section,) = dataset.subjects(RDF.type, ELI.LegalResourceSubdivision)
    for graph in dataset.graphs():
        graph.remove((section, ELI.is_part_of, None))
    conforms, report = validate(dataset)
    assert not conforms and "a section is part of exactly one Act" in report


def test_the_table_ships_as_package_data() -> None:
    import tomllib

    config = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(
        encoding="utf-8"))["tool"]["setuptools"]["package-data"]
    assert "data/*.csv" in config["partnership_kg.graph"]
    assert BUNDLED.parent.name == "data" and BUNDLED.suffix == ".csv"
