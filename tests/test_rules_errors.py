"""The refusal rules of ingest/errors.py, one test each, on files written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnership_kg import settings
from partnership_kg.ingest.errors import _mb, read_checked
from partnership_kg.ingest.model import IngestError

SUPPORTED_LIST = "(PDF, Word .docx, web page .html and text are supported)"


def _file(tmp_path: Path, name: str, data: bytes = b"Wessex Community Safety Plan") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name", ["plan.txt", "plan.TXT", "plan.md", "plan.text", "plan.pdf",
                                  "PLAN.PDF", "page.html", "page.htm", "page.xhtml", "plan.docx"])
def test_rule_supported_suffixes_are_read_whatever_their_case(tmp_path: Path, name: str) -> None:
    assert read_checked(_file(tmp_path, name)) == b"Wessex Community Safety Plan"


@pytest.mark.parametrize(("name", "shown"), [("plan.xlsx", ".xlsx"), ("PLAN.PPTX", ".pptx"),
                                             ("plan", "(no extension)")])
def test_rule_other_suffixes_are_refused_naming_the_supported_ones(
        tmp_path: Path, name: str, shown: str) -> None:
    with pytest.raises(IngestError) as refused:
        read_checked(_file(tmp_path, name))
    assert str(refused.value) == f"unsupported file type: {shown} {SUPPORTED_LIST}"


@pytest.mark.parametrize("name", ["plan.doc", "plan.DOC"])
def test_rule_old_word_files_are_refused_with_what_to_do(tmp_path: Path, name: str) -> None:
    with pytest.raises(IngestError) as refused:
        read_checked(_file(tmp_path, name))
    assert str(refused.value) == "old Word .doc format is not supported: save it as .docx"


def test_rule_a_missing_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "gone.txt"
    with pytest.raises(IngestError) as refused:
        read_checked(path)
    assert str(refused.value) == f"file not found: {path}"


def test_rule_a_folder_is_not_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "plans.txt"
    folder.mkdir()
    with pytest.raises(IngestError) as refused:
        read_checked(folder)
    assert str(refused.value) == "not a file"


def test_rule_files_over_the_limit_are_refused_before_reading(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "MAX_FILE_BYTES", 1024 * 1024)
    at_limit = _file(tmp_path, "at.txt", b"x" * (1024 * 1024))
    assert len(read_checked(at_limit)) == 1024 * 1024
    over = _file(tmp_path, "over.txt", b"x" * (3 * 1024 * 1024 // 2))
    with pytest.raises(IngestError) as refused:
        read_checked(over)
    assert str(refused.value) == "file too large: 1.5 MB (limit 1 MB)"


@pytest.mark.parametrize("data", [b"", b" \n\t\r\n "])
def test_rule_empty_and_blank_files_are_refused(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(IngestError) as refused:
        read_checked(_file(tmp_path, "blank.txt", data))
    assert str(refused.value) == "empty file"


@pytest.mark.parametrize(("size", "shown"), [
    (3 * 1024 * 1024, "3"), (1536 * 1024, "1.5"), (10 * 1024 * 1024, "10"),
    (int(12.6 * 1024 * 1024), "13"), (int(9.96 * 1024 * 1024), "10"),
    (1310720, "1.2"), (1415578, "1.4"),  # 1.25 and 1.35 MB: the divisor is exactly 1 MiB
    (int(9.5 * 1024 * 1024), "9.5"), (int(10.4 * 1024 * 1024), "10")])  # whole from 10 MB
def test_rule_sizes_are_shown_in_megabytes_to_one_decimal_below_ten(size: int,
                                                                    shown: str) -> None:
    assert _mb(size) == shown


def test_rule_a_file_that_cannot_be_stat_ed_says_why(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _file(tmp_path, "plan.txt")

    def denied(self: Path, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "stat", denied)
    with pytest.raises(IngestError) as refused:
        read_checked(path)
    assert str(refused.value) == "cannot read file: Permission denied"


def test_rule_a_file_that_cannot_be_read_says_why(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _file(tmp_path, "plan.txt")

    def broken(self: Path) -> bytes:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(Path, "read_bytes", broken)
    with pytest.raises(IngestError) as refused:
        read_checked(path)
    assert str(refused.value) == "cannot read file: Input/output error"
