"""Periods of plans as documents write them, and the years they cover.

"2014-17", "2016/2020", "2013 to 2016", "2019/20", "2021-2024", "22-27" (a title's short
years), "April 18 – March 19", "April 2018 to March 2019", "April 2024" (no end).
Text only: the graph and the answers read periods through ``parse_period``.
"""

from __future__ import annotations

import re

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_DASH = r"(?:\s*[-/–—]\s*|\s+to\s+)"
_YEAR_RANGE = re.compile(
    r"\b((?:19|20)\d\d)(?:\s*(?:[-/–—]|\bto\b)\s*((?:19|20)?\d\d)|\s+((?:19|20)\d\d))\b"
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# "April 18 – March 19", "Apr 2018 - Mar 2019": a financial year named by its months.
_MONTH_RANGE = re.compile(
    rf"\b{_MONTH}\s+((?:19|20)?\d\d){_DASH}{_MONTH}\s+((?:19|20)?\d\d)\b", re.IGNORECASE)
# "22-27", "19/20": short years alone, read only where a title or a heading gives them.
_SHORT_RANGE = re.compile(r"(?<![\d/.:£$-])\b(\d\d)\s*[-/–—]\s*(\d\d)\b(?![\d/.%:-])")

# A period as it is written in a title: the longest of the forms above.
PERIOD_TEXT = re.compile(
    rf"\b{_MONTH}\s+(?:19|20)?\d\d{_DASH}{_MONTH}\s+(?:19|20)?\d\d\b"
    r"|\b(?:19|20)\d\d(?:\s*[-/–—]\s*(?:19|20)?\d\d|\s+to\s+(?:19|20)\d\d)\b",
    re.IGNORECASE)


_PIVOT = 70  # two-digit years from here on, with no four-digit year beside them, are 19xx


def _full(year: str, start: int | None = None) -> int:
    """A two-digit year in the century of ``start``, the next one where it would fall before
    ``start`` ("1999-02" ends in 2002); alone, 70-99 are the 1900s (partnerships date from
    1998) and the rest the 2000s."""
    if len(year) == 4:
        return int(year)
    if start is None:
        return (1900 if int(year) >= _PIVOT else 2000) + int(year)
    full = start // 100 * 100 + int(year)
    return full + 100 if full < start else full


def parse_period(text: str | None) -> tuple[int | None, int | None]:
    """Start and end years of a period as written; (year, None) for "April 2024"."""
    if not text:
        return None, None
    months = _MONTH_RANGE.search(text)
    if months:
        start = _full(months.group(1))
        end = _full(months.group(2), start)
        if start <= end <= start + 1:
            return start, end
    match = _YEAR_RANGE.search(text)
    if match:
        start, end = int(match.group(1)), match.group(2) or match.group(3)
        end_year = _full(end, start)
        # A short end year reads at most ten years on: "2014-12" (a month) is not 2014-2112.
        if start <= end_year and (len(end) == 4 or end_year <= start + 10):
            return start, end_year
    year = _YEAR.search(text)
    if year:
        return int(year.group()), None
    short = _SHORT_RANGE.fullmatch(text.strip())  # only a period on its own: "22-27"
    if short:
        start = _full(short.group(1))
        end_year = _full(short.group(2), start)
        if start < end_year <= start + 10:
            return start, end_year
    return None, None


def find_period(text: str, short_years: bool = False) -> str | None:
    """The period written in ``text`` (a title), verbatim; with ``short_years`` also "22-27"."""
    match = PERIOD_TEXT.search(text)
    if match and parse_period(match.group())[0] is not None:
        return match.group().strip()
    if short_years:
        short = _SHORT_RANGE.search(text)
        if short and parse_period(short.group())[1] is not None:
            return short.group().strip()
    return None
