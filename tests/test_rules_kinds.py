"""Page type, title and date rules of ``ingest/kinds.py`` pinned on invented Wessex council
pages given as blocks (fast: no file is read)."""

from __future__ import annotations

import pytest

from partnership_kg.ingest.kinds import Kind, classify, looks_like_slides, opens_as_page, page_date
from partnership_kg.ingest.kinds import parse_date as read_date
from partnership_kg.ingest.model import Block, Page


def _p(text: str) -> Block:
    return Block("paragraph", text)


def _h(text: str) -> Block:
    return Block("heading", text)


@pytest.mark.parametrize(("text", "date"), [
    ("12 March 2025", "2025-03-12"),
    ("9th Jan. 2014", "2014-01-09"),
    ("March 12th, 2025", "2025-03-12"),
    ("May 31 2024", "2024-05-31"),
    ("12/03/2025", "2025-03-12"),  # UK order: day first
    ("Tuesday, 12th March, 2025", "2025-03-12"),
    ("on 1.2.2019 and 3 May 2018", "2019-02-01"),  # the first date written
    ("on 3 May 2018 and 1.2.2019", "2018-05-03"),
    ("31/13/2025", None),  # no 13th month
    ("12/00/2025", None),
    ("32 March 2025", None),  # no 32nd day
    ("0 March 2025", None),
    ("31 March 2025", "2025-03-31"),
    ("1/12/2025", "2025-12-01"),
    ("no date", None),
])
def test_rule_dates_are_read_in_their_written_forms(text: str, date: str | None) -> None:
    assert read_date(text) == date


def test_rule_a_decision_heading_makes_a_decision_notice() -> None:
    blocks = [_h("Decision details"), _h("Wessex road safety scheme"),
              _p("Decision maker: Cabinet Member"), _p("Date of decision: 12 March 2025")]
    assert classify(blocks) == Kind("decision notice", "Wessex road safety scheme", "2025-03-12")


def test_rule_two_different_decision_labels_make_a_decision_notice() -> None:
    blocks = [_h("Wessex scheme"), _p("Decision maker: Cabinet Member"),
              _p("Reasons for decision: cost"), _p("Decision published: 14 March 2025")]
    assert classify(blocks) == Kind("decision notice", "Wessex scheme", "2025-03-14")


def test_rule_one_decision_label_twice_is_not_enough() -> None:
    blocks = [_h("Wessex scheme"), _p("Decision maker: Cabinet Member"),
              _p("Decision maker: Deputy Leader")]
    assert classify(blocks) is None


def test_rule_an_issue_heading_or_two_issue_labels_make_an_issue_page() -> None:
    blocks = [_h("Issue details"), _h("Wessex Community Safety Agreement refresh"),
              _p("Decision due: 3 April 2025")]
    assert classify(blocks) == Kind("issue page", "Wessex Community Safety Agreement refresh",
                                    "2025-04-03")
    assert classify([_h("Wessex plan"), _p("Decision type: Key"),
                     _p("Lead member: Cllr Smith")]) == Kind("issue page", "Wessex plan", None)


def test_rule_an_agenda_item_is_named_by_its_label_or_its_meeting_line() -> None:
    assert classify([_h("Agenda item"), _h("Community Safety Partnership update"),
                     _p("Meeting of Wessex Cabinet, Tuesday, 12th March, 2025")]) == Kind(
        "agenda item", "Community Safety Partnership update", "2025-03-12")
    assert classify([_h("Agenda item - Community Safety Partnership update"),
                     _p("Meeting date 12 March 2025")]) == Kind(
        "agenda item", "Community Safety Partnership update", "2025-03-12")
    assert classify([_p("Meeting: Wessex Cabinet (Item 7.2)"), _h("Safer Wessex report")]) == \
        Kind("agenda item", "Safer Wessex report", None)


def test_rule_a_news_release_by_its_mark() -> None:
    blocks = [_h("Press release"), _h("Partnership launches new plan"), _p("Posted on 2 May 2024")]
    assert classify(blocks) == Kind("news release", "Partnership launches new plan", "2024-05-02")


def test_rule_a_news_release_by_a_sentence_case_headline_and_a_published_date() -> None:
    headline = "Partnership launches new plan to cut crime"
    assert classify([_h(headline), _p("Published 2 May 2024")]) == Kind(
        "news release", headline, "2024-05-02")
    assert classify([_p(headline), _p("Published 2 May 2024")]) == Kind(
        "news release", headline, "2024-05-02")  # a plain first line: the title rule's choice


@pytest.mark.parametrize("blocks", [
    [_h("Wessex Community Safety Partnership Annual Report"), _p("Published 2 May 2024")],
    [_h("Partnership launches new plan to cut crime"), _p("Published recently")],
    [_h("Partnership launches new plan"), _p("Published 2 May 2024")],  # under five words
    [_h("Wessex plan")],
])
def test_rule_other_pages_have_no_page_type(blocks: list[Block]) -> None:
    assert classify(blocks) is None


def test_rule_the_decision_date_beats_the_publication_date() -> None:
    blocks = [_p("Date published: 1 May 2024"), _p("Date of decision: 12 March 2025")]
    assert page_date(blocks) == "2025-03-12"


def test_rule_without_a_label_a_short_opening_line_dates_the_page_only_as_a_fallback() -> None:
    assert page_date([_p("Tuesday, 12th March, 2025")]) is None
    assert page_date([_p("Tuesday, 12th March, 2025")], fallback=True) == "2025-03-12"
    prose = "The board met on 12 March 2025 and agreed a plan for the year with partners here"
    assert page_date([_p(prose)], fallback=True) is None


def test_rule_a_page_label_in_the_first_three_blocks_opens_a_page() -> None:
    assert opens_as_page([_p("x"), _p("y"), _p("Issue details")])
    assert not opens_as_page([_p("x"), _p("y"), _p("z"), _p("Issue details")])
    assert opens_as_page([_p("Agenda item - Road safety")])
    assert not opens_as_page([_p("Agenda items")])


SLIDE = "Our priorities\nSafer roads\nLess burglary\nCommunity cohesion"
PROSE = "This is a long paragraph of prose. " * 20


def test_rule_slides_are_three_or_more_short_pages_four_in_five_of_them() -> None:
    assert looks_like_slides([Page(n, SLIDE) for n in range(1, 4)])
    assert not looks_like_slides([Page(n, SLIDE) for n in range(1, 3)])
    assert looks_like_slides([Page(n, SLIDE) for n in range(1, 5)] + [Page(5, PROSE)])
    assert not looks_like_slides([Page(n, SLIDE) for n in range(1, 4)] + [Page(4, PROSE)])


def test_rule_a_slide_title_is_short_and_no_sentence() -> None:
    assert not looks_like_slides([Page(n, "Our priorities for the year.\nSafer roads")
                                  for n in range(1, 4)])
    long_title = " ".join(["Word"] * 11)
    assert not looks_like_slides([Page(n, f"{long_title}\nSafer roads") for n in range(1, 4)])


def test_rule_a_pages_title_is_the_first_short_line_after_its_label() -> None:
    blocks = [_p("Wessex County Council"), _p("Home page"), _h("Issue details"),
              _p("Road safety scheme"), _p("Decision due: 3 April 2025")]
    assert classify(blocks) == Kind("issue page", "Road safety scheme", "2025-04-03")


def test_rule_labels_after_the_label_are_passed_over() -> None:
    blocks = [_p("Issue details"), _p("Issue history"), _p("Road safety scheme")]
    assert classify(blocks) == Kind("issue page", "Road safety scheme", None)


def test_rule_the_title_is_looked_for_in_the_three_blocks_after_the_label() -> None:
    blocks = [_h("Issue details"), _p("This is a sentence."), _p("Another one."), _p("Third:"),
              _p("Road safety scheme")]
    # Not the fourth block: the page has no title line, so its opening sentence names it.
    assert classify(blocks) == Kind("issue page", "This is a sentence.", None)


def test_rule_twenty_words_after_the_label_may_be_a_title_not_more() -> None:
    twenty = " ".join(["road"] * 19 + ["safety"])
    assert classify([_h("Issue details"), _p(twenty)]) == Kind("issue page", twenty, None)
    assert classify([_h("Issue details"), _p(twenty + " scheme")]) == Kind(
        "issue page", " ".join(["road"] * 12) + " ...", None)  # the opening words instead


@pytest.mark.parametrize(("headline", "news"), [
    # Three of seven long words capitalised: sentence case.
    ("Partnership Launches Wessex Campaign against burglary across towns", True),
    ("Partnership Launches Wessex Campaign Against burglary across towns", False),
    # Words of three letters or fewer are not counted.
    ("Wessex Backs New Bus plan tonight", True),
])
def test_rule_a_headline_in_sentence_case_has_under_half_its_long_words_capitalised(
        headline: str, news: bool) -> None:
    found = classify([_h(headline), _p("Published 2 May 2024")])
    assert found == (Kind("news release", headline, "2024-05-02") if news else None)


def test_rule_date_labels_are_looked_for_in_the_first_60_blocks() -> None:
    filler = [_p("Wessex")] * 59
    assert page_date([*filler, _p("Date of decision: 12 March 2025")]) == "2025-03-12"
    assert page_date([*filler, _p("Wessex"), _p("Date of decision: 12 March 2025")]) is None


def test_rule_a_fallback_date_line_has_at_most_twelve_words() -> None:
    line = "Held on Tuesday, 12th March, 2025 at the Wessex County Hall, Riverford"
    assert len(line.split()) == 12
    assert page_date([_p(line)], fallback=True) == "2025-03-12"
    assert page_date([_p(line + " annexe")], fallback=True) is None


def test_rule_january_is_a_month() -> None:
    assert read_date("12/01/2025") == "2025-01-12"


def _slides(*lines: str) -> list[Page]:
    return [Page(n, "\n".join(lines)) for n in range(1, 4)]


TWELVE = " ".join(["word"] * 12)


@pytest.mark.parametrize(("lines", "slides"), [
    (["Our priorities", "a", "b", "c", TWELVE + " more"], True),  # four short lines in five
    (["Our priorities", "a", "b", TWELVE + " more", TWELVE + " more"], False),  # three in five
    (["Our priorities", "a", "b", TWELVE, TWELVE], True),  # twelve words is short
    (["Our priorities", *"abcdef", TWELVE + " more", TWELVE + " more", TWELVE + " more"],
     False),  # seven in ten
    ([" ".join(["Title"] * 10), "a", "b"], True),  # a title of ten words
])
def test_rule_a_slide_is_mostly_short_lines(lines: list[str], slides: bool) -> None:
    assert looks_like_slides(_slides(*lines)) is slides


def test_rule_a_title_after_a_label_in_the_second_block() -> None:
    blocks = [_p("Wessex County Council"), _h("Issue details"), _p("Road safety scheme")]
    assert classify(blocks) == Kind("issue page", "Road safety scheme", None)


def test_rule_a_labelled_date_is_read_in_the_40_characters_after_its_label() -> None:
    late = "Date of decision: to be confirmed by the cabinet after the recess, 12 March 2025"
    assert page_date([_p(late)]) is None


def test_rule_the_opening_is_the_first_eight_blocks() -> None:
    filler = [_p("Wessex")] * 7
    headline = [_h("Press release"), _h("Partnership launches new plan")]
    assert classify([*filler, *headline]) == Kind("news release",
                                                  "Partnership launches new plan", None)
    assert classify([*filler, _p("Wessex"), *headline]) is None


def test_rule_page_labels_are_looked_for_in_the_first_60_blocks() -> None:
    filler = [_p("Wessex")] * 58
    labels = [_p("Decision maker: Cabinet Member"), _p("Reasons for decision: cost")]
    assert classify([*filler, *labels]) == Kind("decision notice", "Wessex", None)
    assert classify([*filler, _p("Wessex"), *labels]) is None


def test_rule_a_label_is_counted_once_however_it_is_punctuated() -> None:
    blocks = [_h("Wessex scheme"), _p("Decision maker: Cabinet Member"),
              _p("Decision maker Deputy Leader")]
    assert classify(blocks) is None


@pytest.mark.parametrize(("headline", "news"), [
    ("Partnership launches new crime plan", True),  # five words
    ("Wessex Backs Safer plan for “streets” tonight", False),  # a quoted word is not counted
])
def test_rule_a_headline_has_five_words_and_its_long_words_open_with_a_letter(
        headline: str, news: bool) -> None:
    found = classify([_h(headline), _p("Published 2 May 2024")])
    assert found == (Kind("news release", headline, "2024-05-02") if news else None)


def test_rule_a_slide_has_at_least_eight_short_lines_in_ten() -> None:
    long = " ".join(["word"] * 13)
    assert not looks_like_slides(_slides("Our priorities", *"abcdefg", long, long, long))


def test_rule_a_heading_after_the_label_is_the_title_however_long() -> None:
    blocks = [_h("Wessex County Council"), _h("Issue details"), _h("Road safety scheme.")]
    assert classify(blocks) == Kind("issue page", "Road safety scheme.", None)
