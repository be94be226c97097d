"""Lineage sentence patterns and year markers of ``graph/lineage.py`` pinned on invented
sentences about the Wessex partnership's priorities (fast: no corpus, no graph)."""

from __future__ import annotations

import pytest

from partnership_kg.graph.lineage import (
    clauses,
    logical_paragraphs,
    narrate,
    segments,
    unchanged_years,
)
from partnership_kg.ingest.model import Block

Event = tuple[int, str, str, list[str], list[str], dict[str, str], str | None]


def _events(text: str, default_year: int | None = None,
            antecedents: dict[str, str] | None = None) -> list[Event]:
    return [(e.year, e.type, e.kind, e.sources, e.targets, e.acronyms, e.antecedent)
            for e in narrate(text, default_year, antecedents)]


def test_rule_year_markers_cut_the_text_into_dated_segments() -> None:
    text = "Our history. o 2018 – First change. • 2020 - Second change. 2022: Third"
    assert segments(text) == [(None, "Our history. ", 0),
                              (2018, "First change. ", text.index("First")),
                              (2020, "Second change. ", text.index("Second")),
                              (2022, "Third", text.index("Third"))]


def test_rule_a_text_without_year_markers_is_one_undated_segment() -> None:
    assert segments("Priorities were reviewed in 2019.") == [
        (None, "Priorities were reviewed in 2019.", 0)]


def test_rule_a_text_opening_with_a_marker_has_no_undated_segment() -> None:
    assert segments("2019 - A change.") == [(2019, "A change.", 7)]


def test_rule_clauses_end_at_semicolons_and_sentence_ends() -> None:
    text = "The board met; it agreed. Then ‘Drugs’ was added. The rate was 2.5 per cent. A b"
    assert clauses(text) == ["The board met", "it agreed", "Then ‘Drugs’ was added",
                             "The rate was 2.5 per cent", "A b"]


def test_rule_a_new_priority_introduced_is_an_introduction() -> None:
    assert _events("2018 - A new priority of ‘Serious Violence’ was introduced.") == [
        (2018, "introduced", "priority", [], ["Serious Violence"], {}, None)]


def test_rule_an_unquoted_new_priority_is_read_after_the_verb_with_its_acronym() -> None:
    assert _events("2020 - A new priority was introduced: Serious Violence (SV).") == [
        (2020, "introduced", "priority", [], ["Serious Violence"], {"Serious Violence": "SV"},
         None)]


def test_rule_an_introduction_needs_a_label() -> None:
    assert _events("2020 - A new priority was introduced.") == []


def test_rule_a_rename_goes_from_the_label_before_the_verb_to_the_one_after() -> None:
    assert _events("2018 - The priority of ‘Road Safety’ was renamed ‘Safer Roads’.") == [
        (2018, "renamed", "priority", ["Road Safety"], ["Safer Roads"], {}, None)]


def test_rule_unquoted_labels_are_the_capitalised_words_around_the_verb() -> None:
    text = "2020 - Anti-Social Behaviour (ASB) was renamed Community Harm as a priority."
    assert _events(text) == [(2020, "renamed", "priority", ["Anti-Social Behaviour"],
                              ["Community Harm"], {"Anti-Social Behaviour": "ASB"}, None)]


def test_rule_broadened_is_an_expansion() -> None:
    text = "2020 - The Domestic Abuse priority was broadened to Domestic Abuse and Sexual Violence."
    assert _events(text) == [(2020, "expanded", "priority", ["Domestic Abuse"],
                              ["Domestic Abuse and Sexual Violence"], {}, None)]


def test_rule_a_merge_of_several_labels_has_the_last_as_its_target() -> None:
    text = ("2019 - The priorities ‘Drugs’, ‘Alcohol’ and ‘Substance Misuse’ were merged into "
            "‘Drugs and Alcohol’.")
    assert _events(text) == [(2019, "merged", "priority", ["Drugs", "Alcohol", "Substance Misuse"],
                              ["Drugs and Alcohol"], {}, None)]


def test_rule_a_merge_without_a_target_is_no_event() -> None:
    assert _events("2019 - The priorities ‘Drugs’ and ‘Alcohol’ were merged.") == []


def test_rule_a_split_keeps_every_target() -> None:
    text = "2020 - The priority ‘Youth Crime’ was split into ‘Youth Violence’ and ‘Youth Harm’."
    assert _events(text) == [(2020, "split", "priority", ["Youth Crime"],
                              ["Youth Violence", "Youth Harm"], {}, None)]


@pytest.mark.parametrize("verb", ["retired", "removed", "dropped"])
def test_rule_a_retirement_needs_no_target(verb: str) -> None:
    assert _events(f"2019 - The theme of Early Intervention was {verb}.") == [
        (2019, "retired", "theme", ["Early Intervention"], [], {}, None)]


def test_rule_a_change_without_a_named_source_is_no_event() -> None:
    assert _events("2020 - In the review the priority was renamed.") == []


def test_rule_a_sentence_without_a_kind_word_is_no_event() -> None:
    assert _events("2020 - ‘Road Safety’ was renamed ‘Safer Roads’.") == []


def test_rule_previously_part_of_names_the_source_of_an_introduction() -> None:
    text = ("2020 - A new priority of ‘Modern Slavery’ was introduced, which was previously "
            "part of ‘Exploitation’.")
    assert _events(text) == [(2020, "introduced", "priority", ["Exploitation"],
                              ["Modern Slavery"], {}, None)]


def test_rule_the_above_theme_refers_back_to_the_last_one_named() -> None:
    text = ("2020 - A new theme of ‘Violence Against Women and Girls’ (VAWG) was introduced. "
            "The above theme was retitled ‘Safer Streets’.")
    first = "A new theme of ‘Violence Against Women and Girls’ (VAWG) was introduced"
    assert _events(text) == [
        (2020, "introduced", "theme", [], ["Violence Against Women and Girls"],
         {"Violence Against Women and Girls": "VAWG"}, None),
        (2020, "renamed", "theme", ["Violence Against Women and Girls"], ["Safer Streets"], {},
         first)]


def test_rule_a_back_reference_crosses_paragraphs_through_the_antecedents() -> None:
    antecedents: dict[str, str] = {}
    narrate("2020 - A new theme ‘Prevention’ was introduced.", antecedents=antecedents)
    assert antecedents == {"theme": "Prevention",
                           "theme said": "A new theme ‘Prevention’ was introduced."}
    assert _events("The above theme was renamed ‘Early Help’.", 2021, antecedents) == [
        (2021, "renamed", "theme", ["Prevention"], ["Early Help"], {},
         "A new theme ‘Prevention’ was introduced.")]


def test_rule_a_back_reference_to_another_kind_finds_nothing() -> None:
    text = "2020 - A new priority ‘Knife Crime’ was introduced. The same theme was renamed ‘X’."
    assert _events(text) == [(2020, "introduced", "priority", [], ["Knife Crime"], {}, None)]


def test_rule_a_cross_cutting_theme_is_a_theme() -> None:
    assert _events("2021 - A new cross-cutting theme of ‘Prevention’ was established.") == [
        (2021, "introduced", "theme", [], ["Prevention"], {}, None)]


@pytest.mark.parametrize("opening", ["During March 2019", "Since 2019", "from 2019"])
def test_rule_in_since_during_from_a_year_date_a_clause(opening: str) -> None:
    assert _events(f"{opening} the priority ‘Burglary’ was removed.") == [
        (2019, "retired", "priority", ["Burglary"], [], {}, None)]


def test_rule_an_undated_clause_takes_the_default_year_or_is_dropped() -> None:
    text = "A new priority of ‘Rural Crime’ was created."
    assert _events(text, default_year=2016) == [
        (2016, "introduced", "priority", [], ["Rural Crime"], {}, None)]
    assert _events(text) == []


@pytest.mark.parametrize(("text", "years"), [
    ("2023 - No changes were made.", {2023}),
    ("In the review for April 2024 no changes have been identified.", {2024}),
    ("No change was required in 2022 or 2023.", {2022}),  # the first year named
    ("No changes had been proposed.", set()),  # no year
    ("2025 - No major changes were made.", set()),
    ("2025 - Changes were made.", set()),
])
def test_rule_years_a_review_changed_nothing_in(text: str, years: set[int]) -> None:
    assert unchanged_years(text) == years


def _joined(*blocks: Block) -> list[tuple[str, list[int]]]:
    return [(text, [offset for offset, _ in members])
            for text, members in logical_paragraphs(list(blocks))]


def test_rule_a_paragraph_left_open_runs_on_into_the_next_block() -> None:
    assert _joined(Block("paragraph", "The priority of"), Block("list_item", "road safety."),
                   Block("paragraph", "Next one.")) == [
        ("The priority of road safety.", [0, 16]), ("Next one.", [0])]


def test_rule_a_block_starting_in_lower_case_continues_a_finished_sentence() -> None:
    assert _joined(Block("paragraph", "Done."), Block("paragraph", "and more.")) == [
        ("Done. and more.", [0, 6])]


@pytest.mark.parametrize("opened", ["He said ‘Safer", "He said “Safer"])
def test_rule_an_open_quotation_runs_on(opened: str) -> None:
    assert _joined(Block("paragraph", opened), Block("paragraph", "Roads.")) == [
        (f"{opened} Roads.", [0, len(opened) + 1])]


@pytest.mark.parametrize("entry", ["2018 - A change.", "1. A change.", "• 2018: A change."])
def test_rule_a_new_list_entry_does_not_run_on(entry: str) -> None:
    assert _joined(Block("paragraph", "The"), Block("list_item", entry)) == [
        ("The", [0]), (entry, [0])]


def test_rule_a_finished_sentence_or_a_heading_does_not_run_on() -> None:
    assert _joined(Block("paragraph", "Done.”"), Block("paragraph", "Next"),
                   Block("heading", "More"), Block("paragraph", "words")) == [
        ("Done.”", [0]), ("Next", [0]), ("More", [0]), ("words", [0])]


def test_rule_a_text_opening_with_markers_has_dated_segments_only() -> None:
    assert segments("2019 - A change. 2020 - Another.") == [(2019, "A change. ", 7),
                                                            (2020, "Another.", 24)]


def test_rule_a_merge_with_several_targets_keeps_the_last_and_merges_the_others_in() -> None:
    text = "2020 - The priority ‘Drugs’ was merged with ‘Alcohol’ into ‘Substance Misuse’."
    assert _events(text) == [(2020, "merged", "priority", ["Drugs", "Alcohol"],
                              ["Substance Misuse"], {}, None)]


def test_rule_an_expansion_keeps_every_target() -> None:
    assert _events("2020 - The priority ‘Drugs’ was expanded to ‘Drugs’ and ‘Alcohol’.") == [
        (2020, "expanded", "priority", ["Drugs"], ["Drugs", "Alcohol"], {}, None)]


@pytest.mark.parametrize(("text", "source", "target"), [
    # Small words closing an unquoted label are not part of it.
    ("The priority Road Safety was renamed Safer Roads and the priority was reviewed.",
     "Road Safety", "Safer Roads"),
    ("The priority Road Safety was renamed A Safer Wessex.", "Road Safety", "Safer Wessex"),
    # A word opening with a digit may sit inside a label.
    ("The Safer 24hr Economy priority was renamed ‘Night Time Economy’.", "Safer 24hr Economy",
     "Night Time Economy"),
    ("The Safer 2nd Homes priority was renamed ‘Holiday Lets’.", "Safer 2nd Homes",
     "Holiday Lets"),
])
def test_rule_an_unquoted_label_is_its_run_of_capitalised_words(text: str, source: str,
                                                                 target: str) -> None:
    assert _events(f"2020 - {text}") == [(2020, "renamed", "priority", [source], [target], {},
                                          None)]


def test_rule_an_unquoted_introduction_without_new_before_its_verb_is_the_label_before_it() -> None:
    assert _events("2018 - After a review Cycle Theft was added as a new priority.") == [
        (2018, "introduced", "priority", [], ["Cycle Theft"], {}, None)]


def test_rule_a_clause_narrating_nothing_does_not_hide_the_next_one() -> None:
    assert _events("2020 - The board met in May. A new priority ‘Fraud’ was introduced.") == [
        (2020, "introduced", "priority", [], ["Fraud"], {}, None)]


@pytest.mark.parametrize(("first", "second"), [
    ("The priority ‘Safer Roads.", "Wessex’ was added."),
    ("The priority “Safer Roads.", "Wessex” was added."),
])
def test_rule_a_quotation_left_open_runs_on_past_a_full_stop(first: str, second: str) -> None:
    assert _joined(Block("paragraph", first), Block("paragraph", second)) == [
        (f"{first} {second}", [0, len(first) + 1])]


def test_rule_a_block_runs_on_from_the_paragraph_just_before_it() -> None:
    assert _joined(Block("paragraph", "Done."), Block("heading", "Title"),
                   Block("paragraph", "The priority of"), Block("paragraph", "Road Safety.")) == [
        ("Done.", [0]), ("Title", [0]), ("The priority of Road Safety.", [0, 16])]


def test_rule_a_split_without_a_target_is_no_event() -> None:
    assert _events("2020 - The priority ‘Youth Crime’ was split.") == []


def test_rule_an_apostrophe_is_no_open_quotation() -> None:
    assert _joined(Block("paragraph", "The partnership’s plan."),
                   Block("paragraph", "Next one.")) == [
        ("The partnership’s plan.", [0]), ("Next one.", [0])]


@pytest.mark.parametrize("open_quote, close_quote", [("‘", "’"), ("'", "'")])
def test_rule_split_out_from_divides_the_label_after_from_into_both(
        open_quote: str, close_quote: str) -> None:
    fraud, acquisitive = (f"{open_quote}{label}{close_quote}"
                          for label in ("Fraud", "Acquisitive Crime"))
    [event] = narrate(f"2020 - {fraud} was split out from the priority {acquisitive} as a new "
                      "priority.")
    assert (event.year, event.type, event.sources, event.targets) == (
        2020, "split", ["Acquisitive Crime"], ["Fraud", "Acquisitive Crime"])
