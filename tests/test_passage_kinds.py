"""Passage answers quote the sentence that answers the question's kind (invented documents)."""

from __future__ import annotations

from typing import Any

from partnership_kg.answer.extractive import answer_from_passages
from partnership_kg.answer.question_kinds import role_field, role_tokens
from partnership_kg.answer.sentences import passage_sentences


def _result(text: str, source: str = "w.txt", **extra: Any) -> dict[str, Any]:
    return {"source": source, "page": 1, "text": text, "score": 1.0, "title": "Wessex Council",
            "section": "", "part_type": "other", "chunk_id": f"{source}#0", **extra}


def _quotes(question: str, *results: dict[str, Any]) -> list[str]:
    answer = answer_from_passages(question, list(results))
    assert answer is not None
    return [citation["quote"] for citation in answer["citations"]]


def test_label_lines_join_their_value_but_not_a_list() -> None:
    text = ("Contact Officer:\nName:\nAnn Other\nTel:\n01234 567890\nThe focus is on:\n"
            "early action\nvictims\nMembers:\nAnn Other\nBob Fisher")
    assert [sentence for sentence, _ in passage_sentences(text)] == [
        "Contact Officer: Name: Ann Other", "Tel: 01234 567890", "The focus is on:",
        "early action", "victims", "Members:", "Ann Other", "Bob Fisher"]


def test_a_list_number_stays_with_its_item() -> None:
    assert [sentence for sentence, _ in passage_sentences("1. Boat theft\n2. Arson. Fires")] == [
        "1. Boat theft", "2. Arson.", "Fires"]


def test_role_asked_about() -> None:
    assert role_tokens("Who is the contact officer for the Wessex report?") == {"contact",
                                                                                "officer"}
    assert role_tokens("Who is Wessex County Council's lead member for safety?") == {"lead",
                                                                                     "member"}
    assert role_tokens("Who chaired the Wessex board in May 2041?") == {"chair"}


def test_who_quotes_the_field_naming_the_role_holder() -> None:
    text = ("Subject:\nReview of the Wessex Safer Streets Plan 2041-2044\nDate of Meeting:\n"
            "March 2041\nReport of:\nDirector of Wessex Neighbourhoods\nContact Officer:\n"
            "Name:\nAnn Other\nTel:\n01234 567890\nWard(s) affected:\nAll")
    quotes = _quotes("Who is the contact officer for the report on the Wessex Safer Streets "
                     "Plan 2041-2044?", _result(text))
    assert quotes == ["Contact Officer: Name: Ann Other"]


def test_who_proposed_quotes_the_proposer_line_not_the_subject() -> None:
    text = ("Agenda Item 12 (b)\n\nSubject:        Urgent review of Wessex Council's policies on "
            "antisocial behaviour Notice of Motion from the Green Group\n\n"
            "Date of meeting:   3 March 2041\n\nProposer:        Councillor Marlowe\n\n"
            "Seconder:        Councillor Finch\n\nWard(s) affected:   All")
    quotes = _quotes("Who proposed the Notice of Motion calling for a review of Wessex "
                     "Council's policies on antisocial behaviour?", _result(text))
    assert quotes == ["Proposer:        Councillor Marlowe"]


def test_a_field_repeating_the_question_does_not_answer_who() -> None:
    notice = _result("Decision: To adopt the Wessex Harbours safety plan for the quays.\n"
                     "Decision type: Key\nLead member: Cabinet Member for Wessex Harbours\n"
                     "Contact: Rob Tern Email: rob.tern@example.org", source="notice.txt")
    news = _result("The plan was welcomed by County Councillor Ivy Holt, Cabinet Member for "
                   "Wessex Harbours, who said the quays would be safer.", source="news.txt")
    quotes = _quotes("Who is Wessex County Council's cabinet member for Wessex Harbours?",
                     notice, news)
    assert quotes[0].startswith("The plan was welcomed by County Councillor Ivy Holt")


def test_who_chairs_reads_the_forum_sentence_after_the_one_naming_it() -> None:
    text = ("Linking with local people The Northshire Safety Forum links the partnership with "
            "the council. The Forum is chaired by the council's cabinet member for "
            "communities and meets quarterly. Reports of past meetings of the Northshire "
            "Safety Forum are on the council's website.")
    quotes = _quotes("Who chairs the Northshire Safety Forum?", _result(text))
    assert any("chaired by the council's cabinet member for communities" in quote
               for quote in quotes)


def test_when_quotes_the_sentence_with_the_date() -> None:
    text = ("These actions are set out in a document called the Riverford community safety "
            "plan. The new plan came into force on 1 April 2041. Earlier plans are available "
            "on request.")
    quotes = _quotes("When did the Riverford community safety plan come into force?",
                     _result(text, title="Riverford Community Safety Partnership"))
    assert quotes == ["The new plan came into force on 1 April 2041."]


def test_when_reads_the_date_of_the_meeting_field() -> None:
    text = ("Riverford Council\n\nMeeting: 12/05/2041 - Council (Item 31)\n\n"
            "31 Annual Review of the Riverford Community Safety Plan pdf icon PDF 600 KB\n\n"
            "This report seeks approval of the Riverford annual review of the Community "
            "Safety Plan as part of the policy framework.")
    quotes = _quotes("When did Riverford Council approve the review of the Community Safety "
                     "Plan?", _result(text))
    assert quotes[0] == "Meeting: 12/05/2041 - Council (Item 31)"


def test_a_numbered_list_after_any_lead_in_is_quoted_in_full() -> None:
    text = ("Part of the annual Strategic Assessment of Crime scored offence types, the three "
            "highest scoring offence types were:\n\n  1. Theft from boats\n  2. Possession "
            "of weapons offences\n  3. Arson\n\nThe partnership will focus on these.")
    quotes = _quotes("What were the three highest scoring offence types in the Riverford "
                     "strategic assessment?", _result(text, title="Riverford Key Priorities"))
    assert quotes[1:] == ["Theft from boats", "Possession of weapons offences", "Arson"]


def test_who_proposed_reads_the_councillor_who_proposed() -> None:
    text = ("This report provided details of the proposed Riverford Community Safety Plan, which "
            "formed part of the Council's Policy Framework, to cover the period from 2041 to "
            "2045. The Portfolio Holder for Resources, Councillor Ashby, supported by Councillor "
            "Lane, proposed the recommendations set out in the report.")
    quotes = _quotes("Who proposed the recommendations on the Riverford Community Safety Plan "
                     "2041-2045 at Council?", _result(text, title="Riverford Council"))
    assert quotes[0].startswith("The Portfolio Holder for Resources, Councillor Ashby")


def test_a_label_naming_part_of_the_post_is_not_its_field() -> None:
    tokens = {"wessex", "csp", "priority", "lead", "domestic", "abuse", "member", "decision"}
    field = "Lead member: Leader of the Council"
    assert role_field(field, role_tokens("Who is the lead member for the decision?"), tokens)
    assert not role_field(field, role_tokens("Who is the Wessex CSP priority lead for domestic "
                                             "abuse?"), tokens)
    assert role_tokens("Who is the Wessex CSP priority lead for domestic abuse?") == {"priority",
                                                                                      "lead"}


def test_however_they_reads_the_sentence_before() -> None:
    text = ("Until 2040 the Wessex Harbour Authority was also a statutory member of the "
            "partnership. However they were replaced by the Harbour Commissioners. The "
            "Commissioners meet twice a year to hear reports from the harbour master and staff.")
    quotes = _quotes("Who replaced the Wessex Harbour Authority as a statutory member of the "
                     "partnership?", _result(text, title="Members"))
    assert quotes == ["Until 2040 the Wessex Harbour Authority was also a statutory member of "
                      "the partnership.", "However they were replaced by the Harbour "
                      "Commissioners."]


def test_when_prefers_the_date_to_a_sentence_sharing_more_words() -> None:
    text = ("The Riverford Safer Quays Plan was adopted by the partnership after a long public "
            "consultation. The Safer Quays Plan was adopted on 4 June 2041 at the annual "
            "meeting.")
    quotes = _quotes("When was the Riverford Safer Quays Plan adopted?",
                     _result(text, title="Riverford news"))
    assert quotes == ["The Safer Quays Plan was adopted on 4 June 2041 at the annual meeting."]
