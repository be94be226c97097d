"""The rules of graph/leads.py, one test each, on invented posts of the Wessex partnership."""

from __future__ import annotations

import pytest

from partnership_kg.graph.leads import (
    Lead,
    Post,
    is_organisation,
    is_post,
    looks_like_name,
    parse_lead,
    parse_post,
    parse_posts,
)


@pytest.mark.parametrize(("text", "expected"), [
    ("Wessex County Council", True),  # the last word is a body word
    ("Wessex Fire and Rescue Service", True),
    ("Wessex Police (West)", True),  # a parenthesis is not a word of the name
    ("Police Wessex", True),  # a body word among the last three words
    ("Police of Wessex", True),  # third from the end
    ("Police of North Wessex", False),  # fourth from the end
    ("Office for Wessex Roads and Bridges Maintenance", False),  # only before the last three
    ("WFRS", True),  # initials alone
    ("Wx", False),  # too short for initials
    ("Head of Community Safety", False),
    ("", False),
])
def test_rule_an_organisation_ends_in_a_body_word_or_is_initials(text: str,
                                                                 expected: bool) -> None:
    assert is_organisation(text) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Head of Community Safety", True),
    ("Temporary Superintendent (Strategy)", True),
    ("Community Safety Team", False),
    ("Jo Bloggs", False),
])
def test_rule_a_post_holds_a_role_word(text: str, expected: bool) -> None:
    assert is_post(text) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Jo Bloggs", True),
    ("Jo", True),  # one word is enough
    ("C.Supt Jo Anne Marie Bloggs", True),  # five words
    ("Cllr Jo Anne Marie Bloggs Smith", False),  # six words are too many for a name
    ("jo bloggs", False),  # names are capitalised
    ("Jo Bloggs Council", False),  # an organisation
    ("Jo Head", False),  # a role word
    ("", False),
])
def test_rule_a_name_is_a_few_capitalised_words_without_role_or_body_words(
        text: str, expected: bool) -> None:
    assert looks_like_name(text) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Head of Community Safety, Wessex County Council",
     Post("Head of Community Safety", "Wessex County Council")),
    ("Director Operations, Wessex Fire and Rescue Service, ",
     Post("Director Operations", "Wessex Fire and Rescue Service")),
    # The comma splits only where an organisation follows it.
    ("Head of Safety, Emergency Planning", Post("Head of Safety, Emergency Planning", None)),
    (", Wessex Police", Post("Wessex Police", None)),
    ("Chair of the Wessex Domestic Abuse Strategy Group",
     Post("Chair of the Wessex Domestic Abuse Strategy Group",
          "Wessex Domestic Abuse Strategy Group")),
    ("Chair for Wessex Safety Board (WSB)", Post("Chair for Wessex Safety Board (WSB)",
                                                  "Wessex Safety Board")),
    ("Head of Community Safety", Post("Head of Community Safety", None)),
])
def test_rule_a_post_and_its_organisation(text: str, expected: Post) -> None:
    assert parse_post(text) == expected


def test_rule_a_slash_joins_two_posts_of_one_lead() -> None:
    assert parse_posts("Head of Safety, Wessex Police / Chair of Wessex Roads Group") == [
        Post("Head of Safety", "Wessex Police"),
        Post("Chair of Wessex Roads Group", "Wessex Roads Group")]
    assert parse_posts("Head of Safety/Planning, Wessex Police") == [
        Post("Head of Safety/Planning", "Wessex Police")]


@pytest.mark.parametrize("text", ["TBC", " n/a ", "Vacant", "-"])
def test_rule_a_lead_to_be_confirmed_names_no_post(text: str) -> None:
    assert parse_posts(text) == []
    assert parse_lead(text) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("Jo Bloggs (Head of Safety, Wessex Police)",
     Lead((Post("Head of Safety", "Wessex Police"),), "Jo Bloggs")),
    ("Head of Safety, Wessex Police (Jo Bloggs).",
     Lead((Post("Head of Safety", "Wessex Police"),), "Jo Bloggs")),
    ("Head of Safety, Wessex Police (Roads and Bridges)",  # not a name in the parenthesis
     Lead((Post("Head of Safety", "Wessex Police (Roads and Bridges)"),), None)),
    ("Head of\n Safety,  Wessex Police", Lead((Post("Head of Safety", "Wessex Police"),), None)),
    ("the Council and the Police", None),  # bodies only: no post to link
    ("Jo Bloggs (Wessex Police)", None),  # a person and a body, but no post
    ("", None),
])
def test_rule_a_lead_line_names_posts_and_a_person_beside_a_post(
        text: str, expected: Lead | None) -> None:
    assert parse_lead(text) == expected


def test_rule_posts_and_leads_are_values_that_meet_in_sets() -> None:
    posts = {Post("Head of Safety", "Wessex Police"), Post("Head of Safety", "Wessex Police")}
    leads = {Lead(tuple(posts), "Jo Bloggs"), Lead(tuple(posts), "Jo Bloggs")}
    assert (len(posts), len(leads)) == (1, 1)
