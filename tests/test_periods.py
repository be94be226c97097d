"""Periods of plans as written, their years, and the kind of plan a title names."""

from __future__ import annotations

import pytest

from partnership_kg.ingest.model import Block
from partnership_kg.ingest.periods import find_period, parse_period
from partnership_kg.ingest.plan_kinds import plan_kind, plan_period


@pytest.mark.parametrize(("text", "years"), [
    ("2016/2020", (2016, 2020)),
    ("22-27", (2022, 2027)),
    ("April 18 – March 19", (2018, 2019)),
    ("April 2018 to March 2019", (2018, 2019)),
    ("2013 to 2016", (2013, 2016)),
    ("2019/20", (2019, 2020)),
    ("2021-2024", (2021, 2024)),
    ("2014-17", (2014, 2017)),
    ("April 2024", (2024, None)),
    ("1999-02", (1999, 2002)),  # a short end year in the next century
    ("April 99 – March 00", (1999, 2000)),
    ("April 18 – December 18", (2018, 2018)),  # a financial year spans at most two years
    ("April 18 – March 20", (None, None)),
    ("April 19 – March 18", (None, None)),
    ("2016 to 2016", (2016, 2016)),
    ("2016-2014", (2016, None)),  # ends before it starts: the first year alone
    ("22-32", (2022, 2032)),  # short years span at most ten years
    ("22-33", (None, None)),
    ("22-22", (None, None)),
    ("98-01", (1998, 2001)),
    ("2014-12", (2014, None)),  # a short end year reads at most ten years on
    ("2014-24", (2014, 2024)),
    ("2014-25", (2014, None)),
    ("1998-99", (1998, 1999)),
    ("1998-2023", (1998, 2023)),  # four-digit years: any span
    ("2013 2016", (2013, 2016)),  # two years side by side
    ("April 2019 to March 2018", (2019, None)),  # months ending before they start
    ("69-71", (2069, 2071)),  # alone, two-digit years from 70 on are the 1900s
    ("70-72", (1970, 1972)),
    ("pages 12-14 of the report", (None, None)),  # short years only as a period on its own
    ("no period", (None, None)),
])
def test_periods_are_read_as_years(text: str, years: tuple[int | None, int | None]) -> None:
    assert parse_period(text) == years


@pytest.mark.parametrize(("title", "period"), [
    ("Safer Northshire Strategy 2016/2020", "2016/2020"),
    ("Riverford Community Safety Plan 22-27", "22-27"),
    ("Annual Partnership Plan April 18 – March 19", "April 18 – March 19"),
    ("Northshire Community Safety Plan 2013 to 2016", "2013 to 2016"),
    ("Partnership Plan 2019/20", "2019/20"),
    ("Community Safety Strategy 2021-2024", "2021-2024"),
])
def test_a_title_keeps_its_period_as_written(title: str, period: str) -> None:
    assert find_period(title, short_years=True) == period
    assert plan_period(title, []) == period


def test_a_title_keeps_its_period_when_only_its_start_is_read() -> None:
    # A month range over three years is no financial year: only 2018 is read from it.
    assert parse_period("April 2018 to March 2021") == (2018, None)
    assert find_period("Wessex Plan April 2018 to March 2021") == "April 2018 to March 2021"


def test_short_years_need_a_title() -> None:
    assert find_period("Riverford Community Safety Plan 22-27") is None
    assert plan_period("Our annual priorities", [Block("paragraph", "Our priorities for "
                                                       "2023/24 are below.")]) == "2023/24"


@pytest.mark.parametrize(("title", "kind"), [
    ("Northshire Community Safety Agreement 2014-17", "agreement"),
    ("Northshire Community Safety Plan 2013-2016", "plan"),
    ("Riverford Partnership Plan 2019/20", "plan"),
    ("Annual Partnership Plan 2018/19", "plan"),
    ("Safer Riverford Plan 2020-23", "plan"),
    ("Our annual priorities", "plan"),
    ("Key Priorities - Safer Riverford Partnership 2018 – 2019", "plan"),
    ("Community Safety Strategy 2021-2024", "strategy"),
    ("Safer Northshire Strategy 2016/2020", "strategy"),
    ("Northshire Strategic Assessment 2019", "strategic assessment"),
    ("Police and Crime Plan 2021-2025", None),  # another body's plan
    ("Community Safety Action Plan 2019/20", None),  # serves a version, is not one
    ("Minutes of the Northshire Community Safety Partnership", None),
])
def test_plan_kinds_from_titles(title: str, kind: str | None) -> None:
    assert plan_kind(title) == kind


def test_a_period_is_looked_for_in_the_first_twelve_blocks() -> None:
    filler = [Block("paragraph", "Wessex partners work together.")] * 11
    dated = Block("paragraph", "Our priorities for 2023/24 are below.")
    assert plan_period("Our annual priorities", [*filler, dated]) == "2023/24"
    assert plan_period("Our annual priorities", [*filler, filler[0], dated]) is None
