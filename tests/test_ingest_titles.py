"""A document's own title, its type as a committee report or a news story, and the
partnership name it gives itself, on invented pages of the shapes real ones take."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnership_kg.graph.partnerships import resolve
from partnership_kg.ingest import extract
from partnership_kg.ingest.model import Block, Document, Page, Part
from partnership_kg.ingest.partnership import find_names
from partnership_kg.ingest.titles import is_furniture, own_title, title_above_prose

_PROSE = ("The partnership brings together the council, the police, the fire service and "
          "health partners to reduce crime and disorder across the district.")


def _part(tmp_path: Path, text: str, name: str = "page.txt") -> Part:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract(path).parts[0]


@pytest.mark.parametrize("line", [
    "Search site »", "»", "Advertisement", "Council and democracy", "A Wessex Council website",
    "Post on 23-Apr-2022", "Date issued: 1 September 2023", "Tuesday, 12 March 2025",
    "Meeting started at 10:00 - 12:00", "Upload: others", "1 views", "Contents",
    "More on Wessex Online",
])
def test_site_furniture_and_datelines_are_never_titles(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize("line", [
    "Community Safety Plan 2013-2016", "Safer Northshire Partnership", "Road safety",
])
def test_names_are_not_furniture(line: str) -> None:
    assert not is_furniture(line)


def test_furniture_and_dateline_lines_are_skipped_for_the_headline(tmp_path: Path) -> None:
    text = ("Source: https://www.wessex.gov.uk/article/204/committee\nSearch site\n»\n\n"
            "Committee to examine the work of the Safer Wessex Partnership\n\n"
            "Date issued: 1 September 2023\n\n" + _PROSE + "\n")
    part = _part(tmp_path, text)
    assert part.title == "Committee to examine the work of the Safer Wessex Partnership"
    assert (part.type, part.date) == ("news release", "2023-09-01")  # "Date issued:" marks news


def test_a_title_line_straight_above_its_first_paragraph_stands_alone(tmp_path: Path) -> None:
    text = ("Source: https://data.riverford.gov.uk/community-safety/assessment/\n"
            "Riverford Safe Town Assessment\n" + _PROSE + "\nIt is refreshed every year.\n")
    part = _part(tmp_path, text)
    assert part.title == "Riverford Safe Town Assessment"
    assert [b.kind for b in part.blocks[:2]] == ["heading", "paragraph"]
    assert part.blocks[1].text.startswith("The partnership brings together")


def test_a_headline_after_an_advert_line_is_the_title(tmp_path: Path) -> None:
    text = ("Source: https://example.org/articles/wessex-safe-city/\nAdvertisement\n\n"
            "Wessex calls for views on its safe city strategy\n" + _PROSE + "\n")
    assert _part(tmp_path, text).title == "Wessex calls for views on its safe city strategy"


def test_a_wrapped_paragraph_is_not_split_at_its_first_line() -> None:
    assert not title_above_prose("The Wessex partnership met on Tuesday to agree its plan",
                                 "Members discussed the priorities for the next three years")
    assert not title_above_prose("The priorities of the", _PROSE)  # cut mid-phrase
    assert title_above_prose("Riverford Safe Town Assessment", _PROSE)


def test_a_heading_below_the_opening_sentence_is_a_section_not_the_title(tmp_path: Path) -> None:
    text = ("Source: https://www.safernorthshire.org.uk/priorities/\n"
            "We have identified the following community safety priorities for 2019/20.\n\n"
            "Road safety\n\nWe are making our roads safer for everyone who walks, rides "
            "and drives on them.\n\nDomestic abuse\n\nWe support victims and tackle offenders.\n")
    assert _part(tmp_path, text).title == (
        "We have identified the following community safety priorities for 2019/20.")


def test_numbered_sections_and_sentence_fragments_are_no_titles() -> None:
    blocks = [Block("heading", "1. PURPOSE OF REPORT AND POLICY CONTEXT", number="1."),
              Block("paragraph", "3.3 In 2022/23 there was an increas"),
              Block("heading", "Northshire Community Safety Plan 2021-24")]
    assert own_title(blocks) == "Northshire Community Safety Plan 2021-24"


def test_a_line_naming_the_document_beats_a_bodys_name() -> None:
    blocks = [Block("heading", "Northshire County Council"),
              Block("heading", "Community Safety Plan 2013-2016")]
    assert own_title(blocks) == "Community Safety Plan 2013-2016"


def test_a_plain_line_naming_the_document_beats_the_first_line() -> None:
    blocks = [Block("paragraph", "Northshire County Council"),
              Block("paragraph", "Community Safety Plan 2013-2016")]
    assert own_title(blocks) == "Community Safety Plan 2013-2016"


def test_a_form_field_naming_a_plan_is_not_the_title() -> None:
    blocks = [Block("heading", "Northshire scheme"),
              Block("paragraph", "Decision maker: Cabinet Member for Community Safety"),
              Block("paragraph", "Reasons for decision: the Safer Northshire Plan")]
    assert own_title(blocks) == "Northshire scheme"
    titled = [Block("paragraph", "Safer Northshire Plan: 2021-24"),
              Block("paragraph", "Date of meeting: 3 May 2021")]
    assert own_title(titled) == "Safer Northshire Plan: 2021-24"


def test_a_list_item_naming_a_plan_is_not_the_title() -> None:
    blocks = [Block("heading", "Northshire CSP Briefing"),
              Block("list_item", "Publish the Plan in June")]
    assert own_title(blocks) == "Northshire CSP Briefing"


def test_contents_entries_and_transcript_banners_are_no_titles() -> None:
    blocks = [Block("heading", "Contents"), Block("heading", "Our Plan 4"),
              Block("paragraph", "Wessex Community Safety Agreement")]
    assert own_title(blocks) == "Wessex Community Safety Agreement"
    period = [Block("heading", "Contents"), Block("heading", "Wessex Plan April 18 – March 19")]
    assert own_title(period) == "Wessex Plan April 18 – March 19"  # a period's end, no page
    banner = [Block("paragraph", "Page 1: WESSEX STRATEGIC ASSESSMENT 2018 2021")]
    assert own_title(banner) == "WESSEX STRATEGIC ASSESSMENT 2018 2021"


def test_report_of_an_officer_to_a_committee(tmp_path: Path) -> None:
    text = ("Report of the Director of Communities to the Northshire Cabinet\n"
            "The Cabinet is asked to approve the Community Safety Plan 2021-24 for the next "
            "three years, as the partnership's board recommended in March.\n")
    part = _part(tmp_path, text)
    assert (part.type, part.title) == (
        "report", "Report of the Director of Communities to the Northshire Cabinet")


def test_committee_report_is_typed_report_titled_by_its_subject(tmp_path: Path) -> None:
    text = ("Communities, Equalities\n\nand Culture Committee\n\nAgenda Item 12\n\n"
            "Subject:\n\nRiverford Community Safety Strategy 2024-2027\n\n"
            "Date of Meeting:\n\n4 March 2024\n\nReport of:\n\nDirector of Communities\n\n"
            "Contact Officer:\n\nName:\n\nA. Officer\n\nWard(s) affected:\n\nAll\n\n"
            "1. PURPOSE OF REPORT AND POLICY CONTEXT\n\n"
            "1.1 The committee is asked to consider the draft strategy.\n\n"
            "2. RECOMMENDATIONS:\n\n2.1 That the committee approves the strategy.\n")
    part = _part(tmp_path, text)
    # Its subject names a strategy; the part is the report about it, not the strategy.
    assert (part.type, part.title, part.date) == (
        "report", "Riverford Community Safety Strategy 2024-2027", "2024-03-04")


def test_subject_in_a_flattened_table_row(tmp_path: Path) -> None:
    text = ("Subject: |\nNorthshire Community Safety Plan 2020-2023 |\n|||\n"
            "Report of: |\nDirector of Housing |\n|||\n"
            "1. PURPOSE OF REPORT\n1.1 The committee is asked to note the plan.\n")
    part = _part(tmp_path, text)
    assert (part.type, part.title) == ("report", "Northshire Community Safety Plan 2020-2023")


def test_issue_meetings_label_is_not_the_title(tmp_path: Path) -> None:
    text = ("Issue - meetings\n\nCommunity Safety Plan Review\n\n"
            "Meeting: 29/07/2010 - Council (Item 216)\n\n"
            "This report sought approval of the Wessex Community Safety Plan.\n")
    assert _part(tmp_path, text).title == "Community Safety Plan Review"


def test_agenda_item_title_is_not_run_into_its_first_paragraph(tmp_path: Path) -> None:
    text = ("Agenda item\n\nStrategic Assessment and Draft Community Safety Plan 2016 to 2020\n"
            "Community Safety Partnerships are under a duty to undertake an annual strategic "
            "assessment and to publish a plan.\n")
    part = _part(tmp_path, text)
    assert (part.type, part.title) == (
        "agenda item", "Strategic Assessment and Draft Community Safety Plan 2016 to 2020")


@pytest.mark.parametrize("opening", ["Council and democracy", "Issue details\n\nSearch site"])
def test_council_furniture_is_skipped_on_an_issue_page(tmp_path: Path, opening: str) -> None:
    text = (f"{opening}\n\nDraft Community Safety Priorities 2014-15\n\n"
            "Decision type: Non-key\n\nDecision status: Recommendations Approved\n")
    part = _part(tmp_path, text)
    assert (part.type, part.title) == ("issue page", "Draft Community Safety Priorities 2014-15")


def test_a_consultation_news_story_is_a_news_release_not_a_strategy(tmp_path: Path) -> None:
    text = ("Have your say - Safe City Partnership strategy (2022-2027)\n\n"
            "Wessex’s Safe City Partnership is seeking views on its new five-year strategy.\n\n"
            "The Partnership has identified three main priorities:\n\n"
            "1. Keeping people safe from harm\n2. Preventing offending\n\n"
            "Councillor A. Member said: “Working together is key.”\n")
    assert _part(tmp_path, text).type == "news release"


def test_a_page_from_a_news_section_is_a_news_release(tmp_path: Path) -> None:
    text = ("Source: https://www.northshire.gov.uk/news/plan-approved\n"
            "Northshire approves its plan\n\n" + _PROSE + "\n")
    assert _part(tmp_path, text).type == "news release"
    plain = "Source: https://www.northshire.gov.uk/community-safety/plan\nOur plan\n\n" + _PROSE
    assert _part(tmp_path, plain, "plain.txt").type == "web page"


@pytest.mark.parametrize("text,name,area", [
    ("The Riverford Safe City Partnership met.", "Riverford Safe City Partnership", "Riverford"),
    ("Wessex’s Safe City Partnership is consulting.", "Wessex Safe City Partnership", "Wessex"),
    ("The Northshire Safer Communities Partnership", "Northshire Safer Communities Partnership",
     "Northshire"),
    ("Upper Dale's Community Safety Partnership", "Upper Dale Community Safety Partnership",
     "Upper Dale"),
])
def test_safe_city_and_possessive_partnership_names(text: str, name: str, area: str) -> None:
    found = [s for _, s in find_names(text) if s.kind == "partnership"]
    assert [(s.name, s.area) for s in found] == [(name, area)]


@pytest.mark.parametrize("text", [
    "The Wessex Safer Roads Partnership runs speed checks.",  # roads: not a crime partnership
    "The Safe City Partnership met.",  # no place named
    "Decision type: Non-key\nCouncil and democracy",  # a name never spans two lines
])
def test_no_partnership_or_council_is_read_from(text: str) -> None:
    assert find_names(text) == []


def test_a_folder_partnership_takes_the_safe_city_name_its_text_gives() -> None:
    def doc(source: str, text: str) -> Document:
        part = Part(0, "other", "Untitled", None, None, 1, 1, [Block("paragraph", text, 1)])
        return Document(source, f"/tmp/{source}", "0" * 64, "text", [Page(1, "")], [part],
                        folder="riverford")
    registry = resolve([doc("a.txt", "The Riverford Safe City Partnership consults."),
                        doc("b.txt", "Riverford City Council approved the strategy.")])
    assert list(registry.partnerships) == ["riverford"]
    assert registry.partnerships["riverford"].label == "Riverford Safe City Partnership"
