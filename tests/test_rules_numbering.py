"""Word list numbering rules of ``ingest/numbering.py`` pinned on documents built in memory
(fast: no file is written)."""

from __future__ import annotations

import pytest
from docx import Document
from docx.document import Document as WordDocument
from docx.oxml import parse_xml
from docx.text.paragraph import Paragraph

from partnership_kg.ingest.numbering import Numbering, counter_text

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@pytest.mark.parametrize(("number", "fmt", "text"), [
    (1, "lowerLetter", "a"), (26, "upperLetter", "Z"), (27, "lowerLetter", "27"),
    (0, "lowerLetter", "0"), (4, "lowerRoman", "iv"), (9, "upperRoman", "IX"),
    (14, "lowerRoman", "xiv"), (39, "upperRoman", "XXXIX"), (40, "lowerRoman", "40"),
    (41, "upperRoman", "41"), (0, "lowerRoman", "0"), (3, "decimal", "3"), (3, "ordinal", "3"),
])
def test_rule_counters_are_shown_in_their_list_format(number: int, fmt: str, text: str) -> None:
    assert counter_text(number, fmt) == text


def _para(document: WordDocument, num_id: int | None = None, level: int | None = None,
          style: str | None = None) -> Paragraph:
    paragraph = document.add_paragraph("Wessex", style=style)
    if num_id is not None:
        numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        numbering.get_or_add_numId().val = num_id
        if level is not None:
            numbering.get_or_add_ilvl().val = level
    return paragraph


def test_rule_levels_count_on_and_a_sub_list_restarts_under_its_next_parent() -> None:
    numbering = Numbering({"5": {0: ("decimal", "%1.", 1), 1: ("lowerLetter", "%1.%2)", 1),
                                 2: ("bullet", "", 1)}})
    document = Document()
    shown = [numbering.item(_para(document, 5, level)) for level in (0, 1, 1, 2, 0, 1)]
    assert shown == ["1.", "1.a)", "1.b)", "", "2.", "2.a)"]


def test_rule_a_list_starts_at_its_start_value() -> None:
    numbering = Numbering({"6": {0: ("upperRoman", "%1", 3)}})
    document = Document()
    assert [numbering.item(_para(document, 6)) for _ in range(2)] == ["III", "IV"]


def test_rule_a_deeper_level_shows_its_parents_start_before_they_count() -> None:
    numbering = Numbering({"8": {0: ("decimal", "%1.", 4), 1: ("decimal", "%1.%2", 1)}})
    assert numbering.item(_para(Document(), 8, 1)) == "4.1"


def test_rule_num_id_zero_switches_numbering_off_and_unknown_lists_are_bullets() -> None:
    numbering = Numbering({"5": {0: ("decimal", "%1.", 1)}})
    document = Document()
    assert numbering.item(_para(document, 0)) is None
    assert numbering.item(_para(document, 7, 0)) == ""
    assert numbering.item(_para(document, 5, 3)) == ""


def test_rule_a_paragraph_outside_lists_has_no_number_unless_a_list_style() -> None:
    numbering = Numbering({})
    document = Document()
    assert numbering.item(_para(document)) is None
    assert numbering.item(_para(document, style="List Bullet")) == ""


def test_rule_a_list_style_gives_its_numbering_to_its_paragraphs() -> None:
    document = Document()
    paragraph = _para(document, style="List Number")
    assert Numbering.of(document).item(paragraph) == "1."


def test_rule_definitions_are_read_from_the_documents_numbering_part() -> None:
    document = Document()
    root = document.part.numbering_part.element
    root.insert(0, parse_xml(
        f'<w:abstractNum {W} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="lowerLetter"/>'
        '<w:lvlText w:val="(%1)"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="x"/><w:lvlText w:val="%1.%2"/></w:lvl>'
        '<w:lvl><w:numFmt w:val="bullet"/></w:lvl>'  # no level given: level 0
        '</w:abstractNum>'))
    root.append(parse_xml(f'<w:num {W} w:numId="91"><w:abstractNumId w:val="90"/></w:num>'))
    root.append(parse_xml(f'<w:num {W} w:numId="92"><w:abstractNumId w:val="99"/></w:num>'))
    numbering = Numbering.of(document)
    assert numbering.levels["91"] == {0: ("bullet", "", 1), 1: ("decimal", "%1.%2", 1)}
    assert numbering.levels["92"] == {}


def test_rule_a_definitions_start_format_and_pattern_give_the_number() -> None:
    document = Document()
    root = document.part.numbering_part.element
    root.insert(0, parse_xml(
        f'<w:abstractNum {W} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="lowerLetter"/>'
        '<w:lvlText w:val="(%1)"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="x"/><w:lvlText w:val="%1.%2"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%3."/></w:lvl>'
        '</w:abstractNum>'))
    root.append(parse_xml(f'<w:num {W} w:numId="91"><w:abstractNumId w:val="90"/></w:num>'))
    numbering = Numbering.of(document)
    assert numbering.levels["91"] == {0: ("lowerLetter", "(%1)", 3), 1: ("decimal", "%1.%2", 1),
                                      2: ("upperLetter", "%3.", 1)}
    assert [numbering.item(_para(document, 91, level)) for level in (0, 1, 2, 0)] == [
        "(c)", "c.1", "A.", "(d)"]


def test_rule_a_style_based_on_a_list_style_numbers_its_paragraphs_too() -> None:
    from docx.enum.style import WD_STYLE_TYPE

    document = Document()
    style = document.styles.add_style("Wessex Steps", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["List Number"]
    numbering = Numbering.of(document)
    assert [numbering.item(_para(document, style="Wessex Steps")) for _ in range(2)] == [
        "1.", "2."]


def test_rule_a_level_shows_only_its_own_and_its_parents_numbers() -> None:
    numbering = Numbering({"5": {0: ("decimal", "%1.%2", 1), 1: ("decimal", "%2", 1)}})
    assert numbering.item(_para(Document(), 5, 0)) == "1.%2"


def test_rule_a_style_chain_is_followed_ten_styles_deep() -> None:
    from docx.enum.style import WD_STYLE_TYPE

    document = Document()
    base = document.styles["List Number"]
    for depth in range(10):
        style = document.styles.add_style(f"Wessex {depth}", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style, base = base, style
    numbering = Numbering.of(document)
    assert numbering.item(_para(document, style="Wessex 8")) == "1."
    assert numbering.item(_para(document, style="Wessex 9")) is None


def test_rule_a_document_without_list_definitions_shows_its_list_paragraphs_as_bullets() -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE

    document = Document()
    rels = document.part.rels
    del rels[next(key for key, rel in rels.items() if rel.reltype == RELATIONSHIP_TYPE.NUMBERING)]
    numbering = Numbering.of(document)
    assert numbering.levels == {}
    assert numbering.item(_para(document, style="List Number")) == ""
