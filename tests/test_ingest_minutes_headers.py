"""Minutes headers: a meeting's "Held on DATE" line makes the document minutes of that date, and
the date is never swallowed into the title."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnership_kg.ingest import extract


def _first_part(tmp_path: Path, text: str) -> tuple[str, str | None, str | None]:
    path = tmp_path / "meeting.txt"
    path.write_text(text, encoding="utf-8")
    part = extract(path).parts[0]
    return part.type, part.title, part.date


@pytest.mark.parametrize(("text", "expected"), [
    ("Northshire Community Safety Partnership\nHeld on 12 March 2025\n\nPresent: the chair.\n",
     ("minutes", "Northshire Community Safety Partnership", "2025-03-12")),
    ("RIVERFORD SAFER STREETS BOARD\n\nMeeting held on Wednesday 4 June 2024\n\nPresent: all.\n",
     ("minutes", "Riverford Safer Streets Board", "2024-06-04")),
])
def test_rule_a_held_on_line_under_the_heading_makes_dated_minutes(tmp_path: Path, text: str,
                                                                   expected: tuple) -> None:
    assert _first_part(tmp_path, text) == expected


def test_rule_minutes_of_the_meeting_held_on_keeps_the_date_out_of_the_title(
        tmp_path: Path) -> None:
    text = "Minutes of the meeting held on 12 March 2025\n\nPresent: the Wessex CSP chair.\n"
    assert _first_part(tmp_path, text) == ("minutes", "Minutes of the meeting", "2025-03-12")


def test_rule_held_on_in_the_prose_of_a_plan_is_not_a_minutes_header(tmp_path: Path) -> None:
    text = ("Wessex Plan 2020-23\n\nThe board was held on 1 May 2020 at the hall, and many "
            "topics were discussed over a long day of work by all the partners in the room.\n")
    assert _first_part(tmp_path, text)[0] != "minutes"
