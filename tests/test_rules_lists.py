"""List shapes of ``graph/lists.py`` pinned on invented list text (fast: no corpus, no graph)."""

from __future__ import annotations

import pytest

from partnership_kg.graph.lists import (
    Item,
    block_items,
    cell_items,
    cells,
    item,
    marker_run,
    ordinal,
    prose_items,
    split_marked,
    undouble,
)


def _labels(found: list[Item] | None) -> list[str] | None:
    return None if found is None else [one.label for one in found]


@pytest.mark.parametrize(("token", "number"), [
    ("3", 3), ("Three", 3), ("twelve", 12), ("iv", 4), ("xii", 12), ("c", 3), ("l", 12)])
def test_rule_ordinals_are_digits_words_romans_or_letters(token: str, number: int) -> None:
    assert ordinal(token) == number


@pytest.mark.parametrize(("text", "ordinals", "segments"), [
    ("1. Safer Roads 2. Drugs 3. Burglary", ["1", "2", "3"],
     ["Safer Roads ", "Drugs ", "Burglary"]),
    ("(1) Safer Roads (2) Drugs", ["1", "2"], ["Safer Roads ", "Drugs"]),
    ("i. Alpha ii. Beta iii. Gamma", ["i", "ii", "iii"], ["Alpha ", "Beta ", "Gamma"]),
    ("(a) Alpha (b) Beta", ["a", "b"], ["Alpha ", "Beta"]),
    ("a) Alpha b) Beta c) Gamma", ["a", "b", "c"], ["Alpha ", "Beta ", "Gamma"]),
    ("Priority One – Alpha Priority Two – Beta", ["One", "Two"], ["Alpha ", "Beta"]),
    ("Key Priority 1: Alpha Key Priority 2: Beta", ["1", "2"], ["Alpha ", "Beta"]),
    ("1st Alpha 2nd Beta", ["1", "2"], ["Alpha ", "Beta"]),
    ("Rank 1 Alpha Rank 2 Beta", ["1", "2"], ["Alpha ", "Beta"]),
])
def test_rule_marker_families_split_a_flattened_list(text: str, ordinals: list[str],
                                                      segments: list[str]) -> None:
    assert [match.group(1) for match in marker_run(text)] == ordinals
    assert split_marked(text) == ("", segments)


def test_rule_a_run_counts_up_one_by_one() -> None:
    assert split_marked("1. A 3. C 2. B") == ("", ["A 3. C ", "B"])


def test_rule_the_longest_run_wins() -> None:
    text = "1. Alpha 2. Beta 1. Gamma 2. Delta 3. Eps"
    assert [match.start() for match in marker_run(text)] == [0, 9, 35]


def test_rule_a_single_marker_counts_only_where_it_opens_the_text() -> None:
    assert split_marked("2. Safer Roads") == ("", ["Safer Roads"])
    assert split_marked("• 1. Alpha") == ("• ", ["Alpha"])
    assert split_marked("We have 2. Safer Roads") == ("We have 2. Safer Roads", [])


@pytest.mark.parametrize(("text", "undoubled"), [
    ("Safer Roads Safer Roads", "Safer Roads"), ("Safer Roads Safer", "Safer Roads Safer"),
    ("A A", "A"), ("A", "A"), ("A B A C", "A B A C")])
def test_rule_a_line_printed_twice_is_read_once(text: str, undoubled: str) -> None:
    assert undouble(text) == undoubled


@pytest.mark.parametrize(("segment", "label", "lead"), [
    ("Safer Roads (KP LEAD: Head of Service)", "Safer Roads", "Head of Service"),
    ("Safer Roads – lead: Wessex Police", "Safer Roads", "Wessex Police"),
    ("Safer Roads ........ 7", "Safer Roads", None),  # a contents line
    ("Safer Roads 7", "Safer Roads", None),
    ("Safer Roads; and", "Safer Roads", None),
    ("Safer Roads, or", "Safer Roads", None),
    ("Safer Roads We will reduce casualties on our roads", "Safer Roads", None),
    ("Safer Roads: we will reduce", "Safer Roads", None),
    ("Safer roads. We will reduce", "Safer roads", None),
    ("Road safety: the last two years", "Road safety", None),
    ("Safer Roads (the number of collisions)", "Safer Roads (the number of collisions)", None),
])
def test_rule_an_item_is_its_label_and_the_lead_it_names(segment: str, label: str,
                                                         lead: str | None) -> None:
    assert item(segment) == Item(label, segment, lead)


@pytest.mark.parametrize("segment", [
    "Decision type: Non-key",  # a form's field
    "Priority One: Alpha",
    "Priority One",  # a marker alone
    "x" * 101,  # longer than a label
    " ".join(f"A{chr(97 + index)}" for index in range(19)),  # more words than a label
    "Safer roads. we will",
])
def test_rule_an_item_without_a_readable_label_is_dropped(segment: str) -> None:
    assert item(segment) is None


def test_rule_a_label_may_have_up_to_eighteen_words_and_a_hundred_characters() -> None:
    words = " ".join(f"A{chr(97 + index)}" for index in range(18))
    assert item(words) == Item(words, words)
    assert item("x" * 100) == Item("x" * 100, "x" * 100)


def test_rule_a_strict_item_is_a_label_as_a_whole() -> None:
    assert item("Safer Roads: we will reduce", loose=False) is None
    assert item("Safer roads. We will reduce", loose=False) is None
    text = "Safer Roads We will reduce casualties"
    assert item(text, loose=False) == Item(text, text)


def test_rule_a_sentence_item_keeps_its_first_sentence() -> None:
    text = "Tackling Violence, focussing on knives. We will work"
    assert item(text, sentence=True) == Item("Tackling Violence, focussing on knives", text)


def test_rule_flattened_cells_drop_empty_cells_and_page_numbers() -> None:
    assert cells("Safer Roads | 7 | Page | Drugs |") == ["Safer Roads", "Drugs"]
    assert cells("Safer Roads | Drugs") is None
    assert cells("a|b|c") == ["a", "b", "c"]


def test_rule_a_dotted_cell_is_the_scope_of_the_item_before() -> None:
    assert cell_items(["Safer Roads", "Speeding · Drink driving", "Drugs"]) == [
        Item("Safer Roads", "Safer Roads", None, ["Speeding", "Drink driving"]),
        Item("Drugs", "Drugs")]
    assert cell_items(["· Speeding · Drink"]) == [
        Item("", "· Speeding · Drink", None, ["Speeding", "Drink"])]


def test_rule_cells_stop_at_the_first_one_that_is_no_label() -> None:
    assert cell_items(["Safer Roads", "We will do this. Then that.", "Drugs"]) == [
        Item("Safer Roads", "Safer Roads")]
    assert cell_items(["We will do this. Then that."]) is None


def test_rule_including_puts_an_item_inside_the_one_before() -> None:
    found = prose_items("Safer Roads, Drugs, including Cannabis, Burglary and Rural Crime")
    assert found == [Item("Safer Roads", "Safer Roads"), Item("Drugs", "Drugs", None, ["Cannabis"]),
                     Item("Burglary", "Burglary"), Item("Rural Crime", "Rural Crime")]
    assert prose_items("Safer Roads, Drugs such as Cannabis") == [
        Item("Safer Roads", "Safer Roads"), Item("Drugs", "Drugs", None, ["Cannabis"])]


def test_rule_prose_reads_cells_and_marked_runs_first() -> None:
    assert _labels(prose_items("Safer Roads | Drugs | x")) == ["Safer Roads", "Drugs"]
    assert _labels(prose_items("1. Safer Roads 2. Drugs")) == ["Safer Roads", "Drugs"]


def test_rule_a_clause_is_not_a_series() -> None:
    assert prose_items("Safer Roads, we will reduce crime. Then more, and Drugs") == []


def test_rule_a_marked_block_quotes_each_item_with_its_marker() -> None:
    assert block_items("Priority One – Alpha Priority Two – Beta", loose=False) == [
        Item("Alpha", "Priority One – Alpha"), Item("Beta", "Priority Two – Beta")]


@pytest.mark.parametrize(("text", "loose", "labels"), [
    ("Safer Roads\nDrugs", False, ["Safer Roads", "Drugs"]),
    ("Safer Roads\nOur priorities:", True, None),  # the intro of another list
    ("Safer Roads.", False, None),  # a sentence after the list
    ("Safer Roads.", True, ["Safer Roads"]),
    ("Safer Roads: we will\nDrugs", False, None),
    ("Safer Roads: we will\nDrugs", True, ["Safer Roads", "Drugs"]),
    ("Safer Roads | Drugs | 3", False, ["Safer Roads", "Drugs"]),
    ("a | b | c", False, None),
    ("", True, None),
])
def test_rule_a_block_holds_its_lines_as_items_or_ends_the_list(
        text: str, loose: bool, labels: list[str] | None) -> None:
    assert _labels(block_items(text, loose)) == labels


@pytest.mark.parametrize(("text", "ordinals"), [
    ("2. Beta 1. Alpha", ["2"]),  # a run never counts back to an earlier marker
    ("2. Beta 1. Alpha 2. Beta 3. Gamma", ["1", "2", "3"]),  # the longest run, not the first
    ("i. Alpha ii. Beta b. Gamma", ["i", "ii"]),  # equal runs: the first family's
    ("i. Alpha 1. Beta ii. Gamma 2. Delta", ["i", "ii"]),  # equal runs: the one opening first
])
def test_rule_the_run_read_is_the_longest_then_the_earliest(text: str,
                                                            ordinals: list[str]) -> None:
    assert [match.group(1) for match in marker_run(text)] == ordinals


def test_rule_prose_with_three_marked_items_is_read_by_its_markers() -> None:
    assert _labels(prose_items("1. Safer Roads 2. Drugs 3. Burglary")) == [
        "Safer Roads", "Drugs", "Burglary"]


@pytest.mark.parametrize(("segment", "label"), [
    ("Safer roads – we will reduce collisions. Then more", "Safer roads"),  # any case
    ("Safer Roads. Collisions fell. More", "Safer Roads"),  # a title-case head only
])
def test_rule_a_label_printed_before_its_description(segment: str, label: str) -> None:
    assert item(segment) == Item(label, segment)


def test_rule_a_head_before_a_full_stop_must_be_title_case() -> None:
    assert item("Safer roads. Collisions fell. More") is None


def test_rule_marked_items_after_other_words_are_no_block_of_items() -> None:
    assert block_items("Intro words 1. Alpha 2. Beta", loose=False) is None


def test_rule_a_dotted_cell_belongs_to_the_item_just_before() -> None:
    assert cell_items(["Safer Roads", "Drugs", "Cannabis · Heroin"]) == [
        Item("Safer Roads", "Safer Roads"), Item("Drugs", "Drugs", None, ["Cannabis", "Heroin"])]


def test_rule_a_label_opens_with_a_letter_or_digit_whatever_follows() -> None:
    assert item("A&E Waits") == Item("A&E Waits", "A&E Waits")
