"""Extractive answers: quoted verbatim, or none at all."""

from __future__ import annotations

import re
from typing import Any

from partnership_kg.search.extractive import answer_from_passages, find_expansion
from partnership_kg.search.index import SearchIndex


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _result(text: str, **extra: Any) -> dict[str, Any]:
    return {"source": "w.txt", "page": 4, "text": text, "score": 1.0, "title": "Wessex CSA",
            "section": "2. Context", "part_type": "agreement", "chunk_id": "w.txt#0.0", **extra}


def test_acronym_from_the_corpus(search_index: SearchIndex) -> None:
    question = "What does MoRiLE stand for?"
    answer = answer_from_passages(question, search_index.search(question, k=10))
    assert answer is not None
    assert "Management of Risk in Law Enforcement" in answer["answer"]
    citation = answer["citations"][0]
    assert citation["source"] and citation["title"]
    source_text = " ".join(
        r["text"] for r in search_index.search(question, k=10) if r["source"] == citation["source"]
    )
    assert _squash(citation["quote"]) in _squash(source_text)


def test_unrelated_question_has_no_answer(search_index: SearchIndex) -> None:
    question = "What is the boiling point of mercury?"
    assert answer_from_passages(question, search_index.search(question, k=10)) is None


def test_definition_from_the_corpus(search_index: SearchIndex) -> None:
    question = "What is Themis?"
    answer = answer_from_passages(question, search_index.search(question, k=10))
    assert answer is not None and "case management" in answer["answer"].lower()


def test_quantity_prefers_the_sentence_with_the_amount() -> None:
    results = [_result(
        "The partnership noted the grant funding during the 2013/14 financial year. "
        "Partners thanked the Commissioner for her grant of £45k to the partnership."
    )]
    answer = answer_from_passages("How much grant did the Commissioner give?", results)
    assert answer is not None and "£45k" in answer["answer"]
    assert answer["citations"][0]["page"] == 4


def test_quotes_are_verbatim_and_attributed() -> None:
    text = "Road Safety remains a priority. The Road Safety lead is the Fire Service."
    answer = answer_from_passages("Who is the Road Safety lead?", [_result(text)])
    assert answer is not None
    assert all(c["quote"] in text for c in answer["citations"])
    assert 'Wessex CSA (p. 4): "' in answer["answer"]


def test_lead_in_brings_its_list() -> None:
    text = "Proposed Trigger Criteria\n\nThree complaints in six months.\n\nOther text here."
    answer = answer_from_passages("What are the proposed trigger criteria?", [_result(text)])
    assert answer is not None and "Three complaints in six months." in answer["answer"]


def test_find_expansion_both_ways() -> None:
    assert find_expansion("MoRiLE", "the MoRiLE (Management of Risk in Law Enforcement) tool") \
        == "Management of Risk in Law Enforcement"
    assert find_expansion("ASB", "tackling Anti-Social Behaviour (ASB) in towns") == (
        "Anti-Social Behaviour"
    )
    assert find_expansion("CSA", "the Community Safety Agreement (CSA) sets") == (
        "Community Safety Agreement"
    )
    assert find_expansion("CSA", "the CSA (which is new) sets") is None
    assert find_expansion("CSP", "by local community safety partnerships (CSPs) with") == (
        "community safety partnerships"
    )


def test_no_results_no_answer() -> None:
    assert answer_from_passages("What is Themis?", []) is None


def test_a_wrapped_table_row_is_quoted_whole_never_as_a_fragment() -> None:
    text = ("Troll Crime\n\nTemporary Superintendent (Troll\n\nCrime), Wessex Police / Chair "
            "of Troll\n\nCrime Executive\n\nGroup")
    answer = answer_from_passages("Who is the Temporary Superintendent for Troll Crime?",
                                  [_result(text)])
    assert answer is not None
    assert [c["quote"] for c in answer["citations"]] == [
        "Troll Crime Temporary Superintendent (Troll Crime), Wessex Police / Chair of Troll "
        "Crime Executive Group"]


def test_a_line_leaving_a_bracket_open_runs_on() -> None:
    text = ("The Troll Crime lead is the Temporary Superintendent (Troll\nCrime) of Wessex Police."
            "\nBridges are inspected by the Wessex Bridge Board every spring.")
    answer = answer_from_passages("Who is the Troll Crime lead?", [_result(text)])
    assert answer is not None
    assert answer["citations"][0]["quote"] == (
        "The Troll Crime lead is the Temporary Superintendent (Troll Crime) of Wessex Police.")


def test_a_successor_question_may_be_answered_from_a_later_document() -> None:
    earlier = _result("The Safer Wessex Plan 2030-33 sets out how the Safer Wessex Partnership "
                      "will reduce troll crime across Wessex.", source="a.txt",
                      title="Wessex CSA 2030-33")
    later = _result("In 2034 the partnership adopted the Wessex Together Strategy, which took "
                    "over from the earlier plan.", source="b.txt", title="Wessex CSA 2034-37")
    answer = answer_from_passages("What replaced the Safer Wessex Plan?", [earlier, later])
    assert answer is not None
    assert answer["citations"][0]["source"] == "b.txt"
    assert "Wessex Together Strategy" in answer["citations"][0]["quote"]


def _quotes(question: str, text: str, title: str = "Wessex CSA") -> list[str]:
    answer = answer_from_passages(question, [_result(text, section="Our priorities",
                                                     title=title)])
    assert answer is not None
    return [citation["quote"] for citation in answer["citations"]]


def test_a_list_intro_is_quoted_with_its_items() -> None:
    text = ("The Riverford Partnership has identified three main priorities for 2022-27:\n"
            "Keeping people safe from harm\nPreventing reoffending\nCreating strong communities\n"
            "The strategy was approved by Cabinet in the autumn after a long consultation.")
    assert _quotes("What are the main priorities of the Riverford Partnership?", text) == [
        "The Riverford Partnership has identified three main priorities for 2022-27:",
        "Keeping people safe from harm", "Preventing reoffending", "Creating strong communities"]


def test_headed_items_are_quoted_without_their_paragraphs() -> None:
    text = ("We have identified the following community safety priorities across Northshire "
            "for 2021-2024.\nAnti-social behaviour\nWe know that if it happens to you it can "
            "have a big impact on your quality of life.\nRoad safety\nWe are committed to "
            "making Northshire a safer place to walk and drive.\nHate crime\nWe will not "
            "tolerate incidents motivated by prejudice.")
    assert _quotes("What were the community safety priorities across Northshire for "
                   "2021-2024?", text) == [
        "We have identified the following community safety priorities across Northshire for "
        "2021-2024.", "Anti-social behaviour", "Road safety", "Hate crime"]


def test_a_list_question_prefers_the_intro_of_a_list() -> None:
    text = ("Key risks and threats across Riverford are reviewed every year by the board.\n"
            "The key risks and threats impacting across the county include:\n"
            "Domestic abuse\nCyber crime\nRoad safety")
    question = "What are the key risks and threats impacting across Riverford?"
    assert _quotes(question, text, title="Riverford strategic assessment") == [
        "The key risks and threats impacting across the county include:",
        "Domestic abuse", "Cyber crime", "Road safety"]


def test_the_part_whose_period_covers_the_year_asked_is_preferred() -> None:
    # Same sentence shape in two agreements; neither sentence nor title names a year, so only
    # the parts' periods (2031-34 ranked first, 2035-38 second) can tell them apart.
    earlier = _result("The Road Safety lead is the Chief Fire Officer.", part_years=[2031, 2034])
    later = _result("The Road Safety lead is the Director of Highways.", part_years=[2035, 2038])
    answer = answer_from_passages("Who was the Road Safety lead in 2036?", [earlier, later])
    assert answer is not None
    assert [c["quote"] for c in answer["citations"]] == [
        "The Road Safety lead is the Director of Highways."]


def test_a_part_of_another_period_is_not_preferred() -> None:
    earlier = _result("The Road Safety lead is the Chief Fire Officer.", part_years=[2031, 2034])
    later = _result("The Road Safety lead is the Director of Highways.", part_years=[2035, 2038])
    answer = answer_from_passages("Who was the Road Safety lead in 2032?", [earlier, later])
    assert answer is not None
    assert answer["citations"][0]["quote"] == "The Road Safety lead is the Chief Fire Officer."


def test_sentence_opening_with_a_pronoun_is_about_what_the_sentence_before_names() -> None:
    # "It is chaired by ..." answers "who chairs the Board" though only the sentence before
    # names the Board; it is quoted with that sentence.
    text = ("Several groups report to the partnership. The Riverford Safety Board oversees the "
            "work of the Riverford Partnership. It is chaired by the council's Director of Place "
            "and meets quarterly.")
    answer = answer_from_passages("Who chairs the Riverford Safety Board?", [_result(text)])
    assert answer is not None
    assert "Director of Place" in answer["answer"]
    assert "oversees the work" in answer["citations"][0]["quote"]
