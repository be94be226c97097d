"""Rules for reading PDF layout, each on invented coordinates or invented lines (no corpus)."""

from __future__ import annotations

from typing import Any

from partnership_kg.ingest.blocks import build_blocks
from partnership_kg.ingest.clean import Line
from partnership_kg.ingest.model import Block, Page
from partnership_kg.ingest.parts import split_parts
from partnership_kg.ingest.pdf import paragraphs_spaced
from partnership_kg.ingest.pdf_layout import (
    TextLine,
    cell_columns,
    cell_text,
    crossing_tops,
    gutter,
    line_step,
    line_text,
    rule_groups,
    running_lines,
    with_paragraph_breaks,
)

WIDTH = 595.0


def _column_spans(x0: float, x1: float, tops: range) -> list[tuple[float, float, float]]:
    return [(x0, x1, float(top)) for top in tops]


def test_gutter_between_two_columns_despite_a_centred_footer() -> None:
    spans = _column_spans(60, 280, range(80, 700, 14)) + _column_spans(310, 535, range(80, 700, 14))
    spans.append((280, 315, 800.0))  # "Page 3" centred under both columns
    found = gutter(spans, WIDTH)
    assert found is not None and 280 < found < 310


def test_no_gutter_on_a_one_column_page() -> None:
    assert gutter(_column_spans(60, 535, range(80, 700, 14)), WIDTH) is None
    # Short lines that all stop before the middle leave no text on the right: still one column.
    assert gutter(_column_spans(60, 200, range(80, 700, 14)), WIDTH) is None


def test_rule_groups_need_three_stacked_rules_of_one_span() -> None:
    rules = [(60, 300, 100), (60, 300, 130), (60, 300, 170), (320, 500, 100), (320, 500, 140)]
    assert rule_groups(rules) == [[60.0, 300.0, 100.0, 130.0, 170.0]]


def test_cell_columns_cut_where_no_row_crosses() -> None:
    words = [(66, 90), (93, 120), (66, 100), (156, 200), (203, 230), (156, 180)]
    assert cell_columns(words, 60, 300) == [60, 138.0, 300]
    # Word spaces (3 pt) are no column gap.
    assert cell_columns([(66, 90), (93, 120)], 60, 300) == [60, 300]


def _line(top: float, text: str, table: bool = False) -> TextLine:
    return TextLine(top, top + 10, 60, 300, text, table)


def test_paragraph_break_where_the_gap_is_wider_than_the_usual_step() -> None:
    lines = [_line(100, "Wessex partners agreed the plan"), _line(114, "for the coming year."),
             _line(135, "Northshire followed."), _line(149, "A\tB", table=True)]
    step = line_step([lines])
    assert step == 14
    assert with_paragraph_breaks(lines, step) == [
        "Wessex partners agreed the plan", "for the coming year.", "", "Northshire followed.",
        "", "A\tB"]
    # The top of the next column comes after the foot of the last: a new paragraph.
    assert with_paragraph_breaks([_line(700, "foot of left."), _line(80, "Top of right")], 14) == [
        "foot of left.", "", "Top of right"]


def test_running_lines_by_position_whatever_their_wording() -> None:
    def page(number: int, first: str) -> list[TextLine]:
        return [_line(30, "Riverford Partnership Annual Plan"), _line(62, first),
                _line(400, "Body text of the page."), _line(810, f"Leaf {number}")]

    pages = [page(1, "Riverford Partnership Annual Plan"), page(2, "Aims"), page(3, "Leads")]
    running = running_lines(pages, 842)
    assert running == {(30, "riverford partnership annual plan"), (810, "leaf #")}
    # The same words as the page-1 title, lower on the page, are not the header.
    assert (62, "riverford partnership annual plan") not in running


def _chars(text: str, x: float = 60.0, top: float = 100.0, gaps: dict[int, float] | None = None
           ) -> list[dict[str, Any]]:
    chars = []
    for index, letter in enumerate(text):
        x += (gaps or {}).get(index, 0.0)
        chars.append({"text": letter, "x0": x, "x1": x + 5, "top": top, "bottom": top + 10,
                      "size": 10})
        x += 5
    return chars


def test_line_text_reads_word_spaces_and_column_gaps() -> None:
    chars = _chars("PriorityLeadRoad", gaps={8: 12.0, 12: 4.0})
    assert line_text(chars) == "Priority  Lead Road"


def test_cell_text_rejoins_a_wrapped_cell() -> None:
    chars = _chars("Head", top=100) + _chars("Wessex", top=110)
    assert cell_text(list(reversed(chars))) == "Head Wessex"


def test_paragraphs_spaced_needs_blank_lines_between_prose() -> None:
    spaced = Page(1, "One line.\n\nAnother line.\n\nA third.")
    assert paragraphs_spaced([spaced])
    assert not paragraphs_spaced([Page(1, "One line.\nAnother line.\nA third.")])


# --- blocks: a PDF's page breaks and wraps ------------------------------------------------------


def _lines(*pages: list[str]) -> list[Line]:
    out = []
    for number, texts in enumerate(pages, 1):
        out += [Line(number, text) for text in texts] + [Line(number, "")]
    return out


def test_table_broken_by_a_page_end_is_one_table_in_a_pdf() -> None:
    lines = _lines(["Priority\tLead", "Road Safety\tWessex Fire"], ["Drugs\tWessex Health"])
    pdf = build_blocks(lines, is_pdf=True, spaced=True)
    assert [block.rows for block in pdf] == [
        [["Priority", "Lead"], ["Road Safety", "Wessex Fire"], ["Drugs", "Wessex Health"]]]
    assert len(build_blocks(lines, is_pdf=False)) == 2


def test_a_sentence_runs_over_a_pdf_page_break() -> None:
    lines = _lines(["The themes are: early help;"], ["Supporting victims of crime."],
                   ["Northshire agreed."])
    texts = [block.text for block in build_blocks(lines, is_pdf=True, spaced=True)]
    assert texts == ["The themes are: early help; Supporting victims of crime.",
                     "Northshire agreed."]


def test_a_paragraph_whose_last_line_fills_the_page_runs_on() -> None:
    wrapped = ["Northshire partners will meet each quarter to review the",
               "work of every group and agree what the next quarter holds",
               "for the county, its districts and the people who live there",
               "and work, so that every partner knows what it has to do next"]
    full = _lines([*wrapped, "and the partnership will publish the result of each review."],
                  ["Then the board signs the plan."])
    short = _lines([*wrapped, "and publish it."], ["Then the board signs the plan."])
    assert len(build_blocks(full, is_pdf=True, spaced=True)) == 1
    assert len(build_blocks(short, is_pdf=True, spaced=True)) == 2


def test_a_hyphen_before_a_digit_is_a_wrapped_range_not_a_bullet() -> None:
    lines = [Line(1, "The agreement for 2011"), Line(1, "-14 is noted.")]
    assert [block.text for block in build_blocks(lines, is_pdf=False)] == [
        "The agreement for 2011 -14 is noted."]


def test_a_wrapped_appendix_heading_keeps_its_tail() -> None:
    lines = [Line(1, "Appendix B: Wessex Monitoring Report"), Line(1, "2011-14"), Line(1, ""),
             Line(1, "The report follows.")]
    blocks = build_blocks(lines, is_pdf=True, spaced=True)
    assert (blocks[0].kind, blocks[0].text) == (
        "heading", "Appendix B: Wessex Monitoring Report 2011-14")


def test_a_marked_heading_wrapped_in_a_narrow_column_keeps_its_tail() -> None:
    lines = [Line(1, "# Riverford Community Safety"), Line(1, "Partnership"), Line(1, ""),
             Line(1, "The partnership meets in June.")]
    blocks = build_blocks(lines, is_pdf=True, spaced=True)
    assert (blocks[0].kind, blocks[0].text) == ("heading", "Riverford Community Safety Partnership")
    # A text file's own line break is no layout wrap: the text store reads it as before.
    assert build_blocks(lines, is_pdf=False)[0].text == "Riverford Community Safety"


# --- parts: packs and covers --------------------------------------------------------------------


def _heading(text: str, number: str | None = None) -> Block:
    return Block("heading", text, 1, number=number, level=1 if number else None)


def test_a_repeated_page_header_does_not_start_a_second_agreement() -> None:
    title = "Riverford Community Safety Agreement (April 2024)"
    chapters = [item for number in "12345" for item in (
        _heading(f"{number}. Chapter {number}", f"{number}."),
        Block("paragraph", "Partners work together on the priorities of the agreement.", 1))]
    blocks = [_heading(title), _heading("Version Control"),
              Block("paragraph", "This agreement takes effect from April 2024.", 1),
              *chapters[:6], _heading(title), *chapters[6:]]
    parts = split_parts(blocks)
    assert [(part.type, part.period) for part in parts] == [("agreement", "April 2024")]


def test_a_report_without_its_cover_is_still_a_report() -> None:
    blocks = [_heading("1.0 Background", "1.0"),
              Block("paragraph", "This report sets out progress made by 3 May 2013.", 1)]
    (part,) = split_parts(blocks)
    assert (part.type, part.date) == ("report", "2013-05-03")


def test_crossing_tops_keep_a_centred_footer_whole_across_the_gutter() -> None:
    # "Page 12" centred on the gutter at x=297: "Pag" left of it, "e 12" right, no letter
    # straddling it; the columns' own text keeps clear of the gutter's middle.
    footer = [(285.0, 291.0, 800.0), (291.0, 296.9, 800.0), (297.0, 302.0, 800.0)]
    columns = [(72.0, 290.0, 100.0), (304.0, 520.0, 100.0)]
    assert crossing_tops([*footer, *columns], 297.0) == {800}


def test_a_wrapped_list_line_that_reads_as_a_sentence_ends_the_list() -> None:
    # In a narrow column the first line of "Offer ... authorities." is short and unfinished,
    # like a bare item of the list above; its wrapped rest makes it a sentence, not an item.
    lines = [Line(1, "The board may resolve to:"), Line(1, ""), Line(1, "Note the plan"),
             Line(1, ""), Line(1, "Offer recommendations to one or more of"),
             Line(1, "the responsible authorities."), Line(1, ""), Line(1, "Version Control"),
             Line(1, ""), Line(1, "Riverford agreed the plan in June.")]
    blocks = build_blocks(lines, is_pdf=True, spaced=True)
    assert [(block.kind, block.text) for block in blocks] == [
        ("paragraph", "The board may resolve to:"),
        ("list_item", "Note the plan"),
        ("paragraph", "Offer recommendations to one or more of the responsible authorities."),
        ("heading", "Version Control"),
        ("paragraph", "Riverford agreed the plan in June."),
    ]


def _column_page(*texts: str) -> list[Line]:
    """A page of a narrow column: lines of about 40 characters, then ``texts``."""
    prose = ["Wessex partners meet every quarter to see", "how each priority is doing and what the",
             "next quarter holds for the county and its", "districts, so that every partner knows",
             "what it has to do and when it is to do it."]
    return [*(Line(1, text) for text in prose), Line(1, ""), *(Line(1, t) for t in texts),
            Line(1, ""), Line(1, "The report follows.")]


def test_a_heading_wrapped_over_several_column_lines_keeps_every_line() -> None:
    lines = _column_page("Appendix A: Wessex Community Safety",
                         "Agreement 2020-23 (refresh) Appendix B:",
                         "Wessex Monitoring Report 2017-20")
    heading = build_blocks(lines, is_pdf=True, spaced=True)[1]
    assert (heading.kind, heading.number, heading.text) == (
        "heading", "Appendix A", "Appendix A: Wessex Community Safety Agreement 2020-23 (refresh) "
        "Appendix B: Wessex Monitoring Report 2017-20")


def test_a_heading_whose_next_word_would_have_fitted_keeps_to_its_line() -> None:
    # "Appendix B: Context" had room for "The": the next line is the layout's own, not a wrap.
    lines = _column_page("Appendix B: Context", "The context of the Wessex agreement today")
    heading = build_blocks(lines, is_pdf=True, spaced=True)[1]
    assert (heading.kind, heading.text) == ("heading", "Appendix B: Context")


def test_a_marked_heading_wrapped_mid_sentence_keeps_its_tail() -> None:
    lines = _column_page("#### NORTHSHIRE - A summary of the multi-",
                         "agency event and proposals for next year")
    heading = build_blocks(lines, is_pdf=True, spaced=True)[1]
    assert (heading.kind, heading.text) == (
        "heading", "NORTHSHIRE - A summary of the multi- agency event and proposals for next year")


def test_a_line_cut_off_mid_phrase_runs_on_into_words_before_a_colon() -> None:
    lines = [Line(1, "The result is that the priorities for"),
             Line(1, "Wessex are: Harbour Crime; Storm Recovery."), Line(1, ""),
             Line(1, "The board is asked for"), Line(1, ""), Line(1, "Lead: Wessex Police")]
    texts = [block.text for block in build_blocks(lines, is_pdf=True, spaced=True)]
    assert texts == [
        "The result is that the priorities for Wessex are: Harbour Crime; Storm Recovery.",
        "The board is asked for", "Lead: Wessex Police"]


def test_a_priority_heading_wrapped_in_a_column_keeps_its_tail() -> None:
    for wrapped in (["Priority:  Preventing Harbour Crime and", "Storm Damage"],
                    ["Priority:  Preventing Neighbourhood Crime", "and Storm Damage Recovery"]):
        heading = build_blocks(_column_page(*wrapped), is_pdf=True, spaced=True)[1]
        assert (heading.kind, heading.text) == ("heading", " ".join(wrapped)), wrapped


def test_gutter_beside_a_right_column_of_three_lines() -> None:
    # The right column holds only a heading and a wrapped lead line; the left runs the page.
    left = _column_spans(60, 280, range(60, 700, 14))
    assert gutter(left + _column_spans(310, 535, range(69, 112, 14)), WIDTH) is not None
    assert gutter(left + _column_spans(310, 535, range(69, 90, 14)), WIDTH) is None


def test_a_pdf_line_wrapped_under_a_lists_intro_is_no_new_item() -> None:
    prose = ["Northshire partners met in the spring to review the county's",
             "strategic assessment and to agree what the coming year holds",
             "for the districts, the boroughs and the people living there,",
             "and they agreed the assessment that the board will publish.", ""]
    listed = ["The key risks and threats across the county include:", "",
              "Domestic Abuse, Child Exploitation, Modern Slavery, Mental",
              "Health and Road Safety", ""]
    lines = [Line(1, text) for text in [*prose, *listed]]
    pdf = [block.text for block in build_blocks(lines, is_pdf=True)]
    assert pdf[-1] == ("Domestic Abuse, Child Exploitation, Modern Slavery, Mental Health and "
                       "Road Safety")
    # In a text file the author broke the line: two bare lines under the intro are two items.
    text = [block.text for block in build_blocks(lines, is_pdf=False)]
    assert text[-2:] == ["Domestic Abuse, Child Exploitation, Modern Slavery, Mental",
                         "Health and Road Safety"]
