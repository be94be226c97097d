"""Text decoding rules of ``ingest/text.py`` pinned on invented bytes (fast: no corpus)."""

from __future__ import annotations

import pytest

from partnership_kg.ingest.model import IngestError
from partnership_kg.ingest.text import decode, split_pages

WESSEX = "Wessex Community Safety Partnership – notes"


@pytest.mark.parametrize("bom", ["utf-16-le", "utf-16-be"])
def test_rule_a_utf16_byte_order_mark_decodes_as_utf16(bom: str) -> None:
    mark = b"\xff\xfe" if bom == "utf-16-le" else b"\xfe\xff"
    assert decode(mark + WESSEX.encode(bom)) == (WESSEX, [])


def test_rule_a_utf16_mark_before_broken_utf16_is_refused() -> None:
    with pytest.raises(IngestError, match=r"^not a text file: invalid UTF-16$"):
        decode(b"\xff\xfe" + "Wessex".encode("utf-16-le") + b"\x00\xd8")  # a lone surrogate


def test_rule_a_zero_byte_in_the_first_64_kib_is_binary() -> None:
    with pytest.raises(IngestError, match=r"^not a text file: binary content$"):
        decode(b"Wessex\x00notes")


def test_rule_a_zero_byte_after_the_first_64_kib_is_not_looked_for() -> None:
    assert decode(b"a" * 65536 + b"\x00") == ("a" * 65536 + "\x00", [])


def test_rule_more_than_eight_control_characters_are_binary() -> None:
    assert decode(b"Wessex" + b"\x01" * 8) == ("Wessex" + "\x01" * 8, [])
    with pytest.raises(IngestError, match=r"^not a text file: binary content$"):
        decode(b"Wessex" + b"\x01" * 9)


@pytest.mark.parametrize("control", [b"\x08", b"\x0e", b"\x1a", b"\x1c", b"\x1f"])
def test_rule_control_characters_are_the_ones_text_never_holds(control: bytes) -> None:
    with pytest.raises(IngestError, match=r"^not a text file: binary content$"):
        decode(b"Wessex " + control * 9)


@pytest.mark.parametrize("kept", [b"\t", b"\n", b"\x0b", b"\x0c", b"\r", b"\x1b"])
def test_rule_tabs_breaks_form_feeds_and_escape_are_text(kept: bytes) -> None:
    assert decode(b"Wessex " + kept * 9) == ("Wessex " + kept.decode() * 9, [])


def test_rule_control_characters_after_the_first_64_kib_are_not_counted() -> None:
    data = b"a" * 65536 + b"\x01" * 9
    assert decode(data) == (data.decode(), [])


def test_rule_utf8_drops_its_byte_order_mark() -> None:
    assert decode(b"\xef\xbb\xbf" + WESSEX.encode()) == (WESSEX, [])


def test_rule_other_bytes_decode_as_cp1252_with_a_warning() -> None:
    assert decode(b"Wessex \x96 Northshire \x92s plan") == (
        "Wessex – Northshire ’s plan", ["decoded as cp1252, not UTF-8"])


def test_rule_bytes_cp1252_lacks_decode_as_latin1_with_a_warning() -> None:
    assert decode(b"Wessex \x81 plan \xe9") == (
        "Wessex \x81 plan é", ["decoded as Latin-1, not UTF-8"])


def _numbers(text: str) -> list[tuple[int | None, str]]:
    return [(page.number, page.text) for page in split_pages(text)]


def test_rule_a_bare_number_among_the_last_two_lines_before_a_footer_is_dropped() -> None:
    assert _numbers("Wessex\n12\nplan\nPage 1\n") == [(1, "Wessex\nplan")]
    assert _numbers("12\nWessex\nplan\nPage 1\n") == [(1, "12\nWessex\nplan")]


def test_rule_a_bare_number_in_the_two_lines_after_a_footer_is_the_documents_own() -> None:
    text = "a\nPage 1\nb\n5\nc\nd\ne\nPage 2\nf\nPage 3\ng\nh\n6\ni\nj\nPage 4\n"
    assert _numbers(text) == [(1, "a"), (2, "b\nc\nd\ne"), (3, "f"), (4, "g\nh\n6\ni\nj")]


def test_rule_a_bare_number_opening_the_file_is_kept() -> None:
    assert _numbers("7\na\nb\nPage 1\n") == [(1, "7\na\nb")]


def test_rule_a_footer_rotated_into_a_table_row_closes_its_page() -> None:
    # The row's other cells were printed on the page the footer closes.
    assert _numbers("a\nPage 1\tRoad Safety\t12\nb\nPage 2\n") == [
        (1, "a\n\tRoad Safety\t12"), (2, "b")]


def test_rule_one_footer_pages_the_text_at_3000_characters_a_page() -> None:
    line = "x" * 99  # 100 characters with its line break
    assert [n for n, _ in _numbers(f"{line}\n" * 30 + "Page 5\n")] == [5]
    assert [n for n, _ in _numbers(f"{line}\n" * 30 + "y\nPage 5\n")] == [4, 5]


def test_rule_text_before_the_first_footer_never_starts_before_page_1() -> None:
    line = "x" * 99
    assert [n for n, _ in _numbers(f"{line}\n" * 40 + "Page 1\n")] == [1]


def test_rule_text_per_page_is_measured_between_footers() -> None:
    # Footers 2, 4 and 7: 1000 characters over pages 3-7 make 200 a page, so the 400
    # characters before footer 2 are pages 1 and 2, and the 600 after footer 7 pages 8 to 11.
    line = "x" * 99
    text = (f"{line}\n" * 4 + "Page 2\n" + f"{line}\n" * 4 + "Page 4\n" + f"{line}\n" * 6
            + "Page 7\n" + f"{line}\n" * 6)
    assert [n for n, _ in _numbers(text)] == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]


def test_rule_control_characters_are_counted_up_to_the_last_byte_of_the_first_64_kib() -> None:
    with pytest.raises(IngestError, match=r"^not a text file: binary content$"):
        decode(b"a" * 65527 + b"\x01" * 9)


def test_rule_a_line_goes_to_the_page_where_it_starts() -> None:
    # 99 + 101 characters over pages 2 and 3: the second line starts before the middle.
    assert _numbers("a\nPage 1\n" + "x" * 98 + "\n" + "y" * 100 + "\nPage 3\n") == [
        (1, "a"), (2, "x" * 98 + "\n" + "y" * 100)]
