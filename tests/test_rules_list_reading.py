"""Where a list's items are found (``graph/list_reading.py``), pinned on invented Wessex blocks
(fast: no corpus, no graph)."""

from __future__ import annotations

from partnership_kg.graph.list_intros import find_intros
from partnership_kg.graph.list_reading import (
    MAX_ITEMS,
    ListItem,
    heading_items,
    items_after,
    items_within,
    priority_marks,
    table_items,
)
from partnership_kg.ingest.model import Block

Row = tuple[str, str, str | None, list[str]]


def _rows(found: list[ListItem]) -> list[Row]:
    return [(one.label, one.quote, one.lead, one.scope) for one in found]


def _after(*blocks: Block) -> list[Row]:
    intro = find_intros(blocks[0].text, blocks[0].kind == "heading")[0]
    return _rows(items_after(list(blocks), 0, intro))


def _p(text: str, kind: str = "paragraph") -> Block:
    return Block(kind, text)  # type: ignore[arg-type]


def _li(text: str) -> Block:
    return Block("list_item", text)


def test_rule_items_in_the_intros_block_are_quoted_with_the_intro_up_to_each() -> None:
    text = "Our priorities are: Safer Roads, Drugs and Burglary. The board meets monthly."
    block = _p(text)
    assert _rows(items_within(block, find_intros(text, False)[0])) == [
        ("Safer Roads", "Our priorities are: Safer Roads", None, []),
        ("Drugs", "Our priorities are: Safer Roads, Drugs", None, []),
        ("Burglary", "Our priorities are: Safer Roads, Drugs and Burglary", None, [])]


def test_rule_items_before_the_intros_words_are_quoted_with_the_whole_sentence() -> None:
    text = "Safer Roads, Drugs and Burglary are the priorities of the partnership. More text."
    sentence = "Safer Roads, Drugs and Burglary are the priorities of the partnership."
    assert _rows(items_within(_p(text), find_intros(text, False)[0])) == [
        ("Safer Roads", sentence, None, []), ("Drugs", sentence, None, []),
        ("Burglary", sentence, None, [])]


def test_rule_items_after_an_intro_run_to_the_first_block_that_is_none() -> None:
    assert _after(_p("The partnership has agreed these priorities:"), _li("Safer Roads"),
                  _li("Drugs (lead: Wessex Police)"), _p("The board meets monthly."),
                  _li("Burglary")) == [
        ("Safer Roads", "Safer Roads", None, []),
        ("Drugs", "Drugs (lead: Wessex Police)", "Wessex Police", [])]


def test_rule_a_contents_page_keeps_the_lines_with_page_numbers_as_items() -> None:
    assert _after(_p("The partnership has agreed these priorities:"), _li("Safer Roads"),
                  _p("4"), _li("Speeding"), _li("Drugs"), _p("9")) == [
        ("Safer Roads", "Safer Roads", None, ["Speeding"]), ("Drugs", "Drugs", None, [])]


def test_rule_a_table_right_after_the_intro_gives_its_items() -> None:
    table = Block("table", "Safer Roads\tPolice\nDrugs\tCouncil")
    assert _after(_p("The partnership has agreed these priorities:"), table) == [
        ("Safer Roads", "Safer Roads Police", None, []), ("Drugs", "Drugs Council", None, [])]


def test_rule_a_heading_ends_the_items_unless_an_unnumbered_subheading_after_a_colon() -> None:
    intro = _p("The partnership has agreed these priorities:")
    assert _after(intro, Block("heading", "Safer Roads", level=2), _li("Drugs")) == [
        ("Safer Roads", "Safer Roads", None, []), ("Drugs", "Drugs", None, [])]
    assert _after(intro, Block("heading", "Safer Roads", level=1), _li("Drugs")) == []
    assert _after(intro, Block("heading", "Safer Roads", level=2, number="3.1"),
                  _li("Drugs")) == []


def test_rule_a_comment_between_numbered_items_does_not_end_the_list() -> None:
    assert _after(_p("The partnership has agreed these priorities:"), _li("i. Safer Roads"),
                  _p("This priority was chosen by the board last year."), _li("ii. Drugs"),
                  _p("The board meets monthly."), _li("Burglary")) == [
        ("Safer Roads", "i. Safer Roads", None, []), ("Drugs", "ii. Drugs", None, [])]


def test_rule_a_dotted_block_adds_to_the_scope_of_the_item_before() -> None:
    assert _after(_p("The partnership has agreed these priorities:"), _li("Safer Roads"),
                  _p("· Speeding · Drink driving |x|"), _li("Drugs")) == [
        ("Safer Roads", "Safer Roads", None, ["Speeding", "Drink driving"]),
        ("Drugs", "Drugs", None, [])]


def test_rule_at_most_sixteen_items_are_read() -> None:
    items = [_li(f"Priority Area {chr(65 + index)}") for index in range(MAX_ITEMS + 2)]
    found = _after(_p("The partnership has agreed these priorities:"), *items)
    assert [label for label, *_ in found] == [
        f"Priority Area {chr(65 + index)}" for index in range(MAX_ITEMS)]


def test_rule_subheadings_each_followed_by_a_paragraph_are_the_items() -> None:
    blocks = [Block("heading", "Our priorities", level=1), Block("heading", "Safer Roads", level=2),
              _p("We will reduce collisions."), Block("heading", "Drugs", level=2),
              _p("We will reduce harm."), Block("heading", "Next steps", level=1),
              _p("More.")]
    assert _rows(heading_items(blocks, 0)) == [("Safer Roads", "Safer Roads", None, []),
                                               ("Drugs", "Drugs", None, [])]


def test_rule_one_subheading_is_no_list_of_them() -> None:
    blocks = [Block("heading", "Our priorities", level=1), Block("heading", "Safer Roads", level=2),
              _p("We will reduce collisions."), Block("heading", "Next steps", level=1),
              _p("More.")]
    assert heading_items(blocks, 0) == []


def test_rule_priority_marks_count_on_across_blocks_with_descriptions_between() -> None:
    blocks = [_p("Priority One – Safer Roads. We will reduce collisions."),
              _p("Some description."), _p("Priority Two – Drugs"), _p("Priority Four – Fraud")]
    assert _rows(priority_marks(blocks, 0)) == [
        ("Safer Roads", "Priority One – Safer Roads. We will reduce collisions.", None, []),
        ("Drugs", "Priority Two – Drugs", None, [])]


def test_rule_priority_marks_start_at_one() -> None:
    assert priority_marks([_p("Priority Two – Drugs"), _p("Priority Three – Fraud")], 0) == []


def test_rule_priority_marks_stop_after_six_other_blocks() -> None:
    gap = [_p("Some description.")] * 7
    assert [one.label for one in priority_marks(
        [_p("Priority One – Safer Roads"), *gap, _p("Priority Two – Drugs")], 0)] == ["Safer Roads"]
    assert [one.label for one in priority_marks(
        [_p("Priority One – Safer Roads"), *gap[:6], _p("Priority Two – Drugs")], 0)] == [
        "Safer Roads", "Drugs"]


def test_rule_a_table_under_a_priority_header_gives_its_first_column() -> None:
    table = Block("table", "Priority\tLead\nSafer Roads\tPolice\nDrugs\tCouncil",
                  rows=[["Priority", "Lead"], ["Safer Roads", "Police"], ["Drugs", "Council"]])
    assert _rows(table_items(table, header_required=True)) == [
        ("Safer Roads", "Safer Roads Police", None, []), ("Drugs", "Drugs Council", None, [])]


def test_rule_a_column_of_ranks_gives_the_second_column_and_needs_no_header_only_after_an_intro(
) -> None:
    table = Block("table", "x", rows=[["1", "Safer Roads"], ["2nd", "Drugs"]])
    assert _rows(table_items(table, header_required=False)) == [
        ("Safer Roads", "Safer Roads", None, []), ("Drugs", "Drugs", None, [])]
    assert table_items(table, header_required=True) == []


def test_rule_a_table_that_scores_issues_is_no_list() -> None:
    table = Block("table", "x", rows=[["Priority", "Score"], ["Safer Roads", "3"], ["Drugs", "4"]])
    assert table_items(table, header_required=False) == []


def test_rule_a_table_needs_two_filled_rows() -> None:
    table = Block("table", "x", rows=[["Priority"], ["", ""], ["Safer Roads"]])
    assert _rows(table_items(table, header_required=True)) == [
        ("Safer Roads", "Safer Roads", None, [])]
    assert table_items(Block("table", "x", rows=[["Priority"], [" "]]), True) == []


INTRO = "The partnership has agreed these priorities:"
COMMENT = "This priority was chosen by the board last year."


def test_rule_a_comment_runs_on_only_where_a_marked_item_follows_within_three_blocks() -> None:
    assert [label for label, *_ in _after(_p(INTRO), _li("i. Safer Roads"), *[_p(COMMENT)] * 3,
                                          _li("ii. Drugs"))] == ["Safer Roads", "Drugs"]
    assert [label for label, *_ in _after(_p(INTRO), _li("i. Safer Roads"), *[_p(COMMENT)] * 4,
                                          _li("ii. Drugs"))] == ["Safer Roads"]


def test_rule_a_comment_runs_on_from_the_last_marker_of_the_block_before() -> None:
    assert [label for label, *_ in _after(_p(INTRO), _li("i. Safer Roads ii. Drugs"),
                                          _p(COMMENT), _li("iii. Burglary"))] == [
        "Safer Roads", "Drugs", "Burglary"]


def test_rule_a_heading_without_a_level_after_a_colon_ends_the_list() -> None:
    assert _after(_p(INTRO), Block("heading", "Safer Roads"), _li("Drugs")) == []


def test_rule_subheadings_are_read_under_an_intro_anywhere_in_the_part() -> None:
    blocks = [_p("Wessex"), Block("heading", "Our priorities", level=1),
              Block("heading", "Safer Roads", level=2), _p("We will reduce collisions."),
              Block("heading", "Drugs", level=2), _p("We will reduce harm.")]
    assert [one.label for one in heading_items(blocks, 1)] == ["Safer Roads", "Drugs"]


def test_rule_a_subheading_that_opens_another_list_ends_the_items() -> None:
    blocks = [Block("heading", "Our priorities", level=1), Block("heading", "Safer Roads", level=2),
              _p("We will reduce collisions."), Block("heading", "Drugs", level=2),
              _p("We will reduce harm."), Block("heading", "Our themes", level=2),
              _p("We work together.")]
    assert [one.label for one in heading_items(blocks, 0)] == ["Safer Roads", "Drugs"]


def test_rule_priority_marks_stop_at_a_mark_out_of_order() -> None:
    blocks = [_p("Priority One – Safer Roads"), _p("Priority One – Drugs")]
    assert [one.label for one in priority_marks(blocks, 0)] == ["Safer Roads"]


def test_rule_a_priority_mark_labels_its_first_sentence_in_any_case() -> None:
    blocks = [_p("Priority One – Tackling violent crime. Knife crime rose last year."),
              _p("Priority Two – Drugs")]
    assert [one.label for one in priority_marks(blocks, 0)] == ["Tackling violent crime", "Drugs"]


def test_rule_a_table_header_has_at_most_four_words() -> None:
    four = Block("table", "x", rows=[["Our Priority Areas Listed"], ["Safer Roads"], ["Drugs"]])
    assert [one.label for one in table_items(four, header_required=False)] == [
        "Safer Roads", "Drugs"]
    five = Block("table", "x", rows=[["Our priority areas this year"], ["Safer Roads"]])
    assert [one.label for one in table_items(five, header_required=False)] == [
        "Our priority areas this year", "Safer Roads"]


def test_rule_an_item_not_found_verbatim_is_quoted_with_the_whole_list() -> None:
    text = "Our priorities are: Safer  Roads, Drugs and Burglary. The board meets monthly."
    quote = "Our priorities are: Safer  Roads, Drugs and Burglary"
    assert _rows(items_within(_p(text), find_intros(text, False)[0])) == [
        ("Safer Roads", quote, None, []), ("Drugs", quote, None, []),
        ("Burglary", quote, None, [])]


def test_rule_a_comment_looks_ahead_not_back_for_the_next_marked_item() -> None:
    assert [label for label, *_ in _after(_p("2. The partnership has agreed these priorities:"),
                                          _li("1. Safer Roads"), _p(COMMENT),
                                          _li("Burglary"))] == ["Safer Roads"]


def test_rule_subheadings_must_follow_the_intro_at_once() -> None:
    blocks = [Block("heading", "Our priorities", level=1), _p("Safer Roads"),
              _p("We will reduce collisions."), Block("heading", "Drugs", level=2),
              _p("We will reduce harm.")]
    assert heading_items(blocks, 0) == []


LONG_COMMENT = ("iii. This priority was chosen by the board after a long review of the evidence "
                "that the partners gathered over many months of work. It runs on.")


def test_rule_a_marked_comment_looks_only_at_the_blocks_after_it() -> None:
    assert [label for label, *_ in _after(_p(INTRO), _li("i. Safer Roads"), _li("ii. Drugs"),
                                          _p(LONG_COMMENT), _li("Burglary"))] == [
        "Safer Roads", "Drugs"]


def test_rule_a_comment_counts_on_from_the_last_item_read() -> None:
    assert [label for label, *_ in _after(_p(INTRO), _li("i. Safer Roads"), _li("ii. Drugs"),
                                          _p(COMMENT), _li("iii. Burglary"))] == [
        "Safer Roads", "Drugs", "Burglary"]


def test_rule_a_dotted_block_adds_to_the_last_item() -> None:
    assert _after(_p(INTRO), _li("Safer Roads"), _li("Drugs"), _p("· Cannabis · Heroin |x|")) == [
        ("Safer Roads", "Safer Roads", None, []),
        ("Drugs", "Drugs", None, ["Cannabis", "Heroin"])]


def test_rule_lines_under_a_heading_intro_may_carry_their_description() -> None:
    assert [label for label, *_ in _after(Block("heading", "Our priorities", level=1),
                                          _p("Safer Roads: we will reduce collisions"),
                                          _p("Drugs: we will reduce harm"))] == [
        "Safer Roads", "Drugs"]


def test_rule_subheadings_end_with_the_part() -> None:
    blocks = [Block("heading", "Our priorities", level=1), Block("heading", "Safer Roads", level=2),
              _p("We will reduce collisions."), Block("heading", "Drugs", level=2),
              _p("We will reduce harm."), Block("heading", "Burglary", level=2)]
    assert [one.label for one in heading_items(blocks, 0)] == ["Safer Roads", "Drugs"]


def test_rule_at_most_sixteen_subheadings_are_read() -> None:
    blocks = [Block("heading", "Our priorities", level=1)]
    for index in range(MAX_ITEMS + 2):
        blocks += [Block("heading", f"Priority Area {chr(65 + index)}", level=2), _p("We will.")]
    assert len(heading_items(blocks, 0)) == MAX_ITEMS


def test_rule_a_table_header_may_have_an_empty_last_cell() -> None:
    table = Block("table", "x", rows=[["Priority", ""], ["Safer Roads", "x"], ["Drugs", "y"]])
    assert [one.label for one in table_items(table, header_required=True)] == [
        "Safer Roads", "Drugs"]


def test_rule_a_subheading_of_more_than_four_words_naming_a_list_ends_the_items() -> None:
    blocks = [Block("heading", "Our priorities", level=1), Block("heading", "Safer Roads", level=2),
              _p("We will reduce collisions."), Block("heading", "Drugs", level=2),
              _p("We will reduce harm."),
              Block("heading", "Our key community safety priorities", level=2), _p("More.")]
    assert [one.label for one in heading_items(blocks, 0)] == ["Safer Roads", "Drugs"]
