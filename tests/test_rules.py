"""Documented rules pinned on small invented inputs: each test fails when its rule is removed.

Every input here is written for the invented Wessex partnership; none needs a corpus build.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from partnership_kg.graph.leads import Post, parse_post
from partnership_kg.graph.lineage import narrate
from partnership_kg.ingest import extract
from partnership_kg.ingest.model import IngestError


def _events(text: str) -> list[tuple[int, str, list[str], list[str]]]:
    return [(event.year, event.type, event.sources, event.targets) for event in narrate(text)]


def test_rule_an_addition_to_a_priority_remit_is_not_a_new_priority() -> None:
    text = "In 2015 Cycle Theft was added to the remit of the Road Safety priority."
    assert _events(text) == []


def test_rule_a_priority_added_as_new_is_an_introduction() -> None:
    text = "In 2015 Cycle Theft was added as a new priority."
    assert _events(text) == [(2015, "introduced", [], ["Cycle Theft"])]


def test_rule_the_year_marker_of_the_entry_beats_an_in_year_inside_the_clause() -> None:
    text = ("o 2018 – The priority of 'Road Safety' was expanded to become 'Safer Roads and "
            "Travel', following a review begun in 2015.")
    assert _events(text) == [(2018, "expanded", ["Road Safety"], ["Safer Roads and Travel"])]


def test_rule_an_in_year_dates_a_clause_without_a_year_marker() -> None:
    text = "In 2019 the priority of 'Road Safety' was renamed 'Safer Roads'."
    assert _events(text) == [(2019, "renamed", ["Road Safety"], ["Safer Roads"])]


def test_rule_a_lead_post_is_split_from_its_organisation_at_the_last_comma() -> None:
    post = parse_post("Head of Community Safety, Emergency Planning, Wessex County Council")
    assert post == Post("Head of Community Safety, Emergency Planning", "Wessex County Council")


def test_rule_a_pdf_saved_as_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "agreement.txt"
    path.write_bytes(b"%PDF-1.7\n1 0 obj <<>> endobj\nWessex Community Safety Agreement\n")
    with pytest.raises(IngestError, match=r"^not a text file: it is a PDF \(rename it to \.pdf\)$"):
        extract(path)


def test_rule_binary_data_without_zero_bytes_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "data.txt"
    # Control characters throughout and no NUL byte: a Latin-1 decode would "succeed".
    path.write_bytes(bytes(range(1, 9)) * 200 + b"Wessex" + bytes(range(14, 32)) * 50)
    with pytest.raises(IngestError, match=r"^not a text file: binary content$"):
        extract(path)


def test_rule_text_with_a_few_control_characters_is_still_text(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"Wessex Community Safety Partnership\x0b notes of the meeting\x07.\n")
    document = extract(path)
    assert document.format == "text"


def test_rule_the_max_file_mb_setting_limits_file_size(tmp_path: Path) -> None:
    big = tmp_path / "docs" / "big.txt"
    big.parent.mkdir()
    line = b"The Wessex Community Safety Partnership agreed its priorities for the year.\n"
    big.write_bytes(line * (3 * 1024 * 1024 // len(line) + 1))  # just over 3 MB
    command = [sys.executable, "-m", "partnership_kg.ui.cli", "--store", str(tmp_path / "s"),
               "build", "--json", str(big)]
    env = {**os.environ, "PARTNERSHIP_KG_MAX_FILE_MB": "1"}
    refused = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert refused.returncode == 1, refused.stderr
    assert '"error": "file too large: 3 MB (limit 1 MB)"' in refused.stdout
