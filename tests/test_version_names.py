"""How graph answers name a version: by the kind and title its text gives (invented titles)."""

from __future__ import annotations

from partnership_kg.answer.common import version_name


def test_a_plan_strategy_or_assessment_is_named_by_its_title() -> None:
    plan = "Northshire Community Safety Plan 2013-2016"
    assert version_name({"title": plan, "period": "2013-2016"}, "x") == f"the {plan}"
    assert version_name({"title": "Safer Riverford Strategy", "period": "2021-2024"}, "x") == \
        "the Safer Riverford Strategy (2021-2024)"
    assert version_name({"title": "Wessex Strategic Assessment 2041/42", "period": "2041/42"},
                        "x") == "the Wessex Strategic Assessment 2041/42"


def test_an_agreement_or_a_version_with_no_plan_title_is_the_periods_agreement() -> None:
    assert version_name({"title": "Wessex Community Safety Agreement 2014-17",
                         "period": "2014-17"}, "x") == "the 2014-17 agreement"
    assert version_name({"title": None, "period": "2019", "narrated": True}, "x") == \
        "the 2019 agreement"
    assert version_name(None, "the latest") == "the latest"


def test_an_undated_list_says_so() -> None:
    assert version_name({"title": "Northshire news", "period": None, "undated": True}, "x") == \
        "the undated list of Northshire news"
