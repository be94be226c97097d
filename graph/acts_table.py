"""The reference table of Acts and Measures, and how a title written in a document finds its row.

The bundled table (``data/legislation.csv``) lists UK Acts and Welsh Measures and Acts that
partnership documents cite, each with its legislation.gov.uk identifier and, in ``verified``,
what confirmed the chapter number. A user adds rows with a CSV of their own, named by
``PARTNERSHIP_KG_ACTS``: columns ``title``, ``year`` and ``uri`` (``verified`` optional).

A title in the text matches a row exactly (case, punctuation, "&"/"and" and hyphens folded),
else fuzzily: same year, same kind (Act, Measure), and every distinctive word on either side
has a counterpart on the other ("Police and Crime Act 2009" is the Policing and Crime Act 2009;
"Crime and Policing Act 2014" is not the Anti-social Behaviour, Crime and Policing Act 2014).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from partnership_kg import settings
from partnership_kg.graph.names import normalise

BUNDLED = Path(__file__).resolve().parent / "data" / "legislation.csv"
_URI = re.compile(r"^http://www\.legislation\.gov\.uk/id/[a-z]+/\d{4}/\d+$")
# Words that say nothing about which Act is meant.
_GENERIC = {"act", "measure", "regulations", "and", "of", "the", "for", "in", "on", "to", "a"}
_KINDS = {"act", "measure", "regulations"}
_SUFFIX = re.compile(r"(?:ing|ed|es|e|s)$")


class ActsTableError(ValueError):
    """A table that cannot be read; the message is one line naming the file and the row."""


@dataclass(frozen=True)
class TableAct:
    title: str  # "Policing and Crime Act", without the year
    year: int
    uri: str  # http://www.legislation.gov.uk/id/ukpga/2009/26

    @property
    def key(self) -> str:
        return f"{normalise(self.title)} {self.year}"

    @property
    def acronym(self) -> str:
        return acronym_of(self.title)


def acronym_of(title: str) -> str:
    """Initials of a title's capitalised words, as documents abbreviate Acts (CDA)."""
    return "".join(word[0] for word in re.split(r"[\s,()]+", title) if word[:1].isupper())


def match_key(title: str) -> str:
    """Matching key: hyphenated compounds joined ("Anti-social" = "Antisocial")."""
    return normalise(re.sub(r"(?<=\w)[-‐‑–](?=\w)", "", title))


def _words(title: str) -> list[str]:
    return [w for w in match_key(title).split() if w not in _GENERIC]


def _stem(word: str) -> str:
    return _SUFFIX.sub("", word) if len(word) > 4 else word


def _covered(word: str, others: list[str]) -> bool:
    """A word agrees with the other title: same stem, a spelling slip, or a compound's part."""
    joined = [a + b for a, b in zip(others, others[1:], strict=False)]
    for other in [*others, *joined]:
        if _stem(word) == _stem(other) or fuzz.ratio(word, other) >= 85:
            return True
        if len(word) >= 4 and len(other) > len(word) and (
                other.startswith(word) or other.endswith(word)):
            return True
    return False


def words_agree(one: str, other: str) -> bool:
    """Every distinctive word of each title has a counterpart in the other."""
    first, second = _words(one), _words(other)
    return bool(first and second) and all(_covered(w, second) for w in first) and all(
        _covered(w, first) for w in second)


def _kind(title: str) -> str:
    last = match_key(title).split()[-1:] or [""]
    return last[0] if last[0] in _KINDS else ""


@dataclass
class ActsTable:
    rows: list[TableAct]
    _exact: dict[str, TableAct] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._exact = {f"{match_key(row.title)} {row.year}": row for row in self.rows}

    def match(self, title: str, year: int) -> tuple[TableAct, str] | None:
        """(row, "exact" or "fuzzy") for a title as written, or None."""
        exact = self._exact.get(f"{match_key(title)} {year}")
        if exact is not None:
            return exact, "exact"
        candidates = [row for row in self.rows if row.year == year
                      and _kind(row.title) == _kind(title) and words_agree(title, row.title)]
        scored = sorted(((fuzz.token_sort_ratio(match_key(title), match_key(row.title)), row)
                         for row in candidates), key=lambda pair: -pair[0])
        if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
            return None  # none, or two rows equally likely: keep the text's own key
        return scored[0][1], "fuzzy"

    def by_acronym(self, acronym: str, year: int | None = None) -> TableAct | None:
        """The one row abbreviated so (and of that year, when given), else None."""
        found = [row for row in self.rows if row.acronym == acronym
                 and (year is None or row.year == year)]
        return found[0] if len(found) == 1 else None


def read_table(path: Path) -> list[TableAct]:
    """Rows of one CSV; a missing column, bad year or bad URI is a one-line ActsTableError."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = {"title", "year", "uri"} - set(reader.fieldnames or [])
            if missing:
                raise ActsTableError(f"acts table {path}: missing column(s) "
                                     f"{', '.join(sorted(missing))}")
            return [_row(path, number, record) for number, record in enumerate(reader, 2)]
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise ActsTableError(f"acts table {path}: cannot read it ({error})") from None


def _row(path: Path, number: int, record: dict[str, str | None]) -> TableAct:
    title = (record.get("title") or "").strip()
    year = (record.get("year") or "").strip()
    uri = (record.get("uri") or "").strip()
    where = f"acts table {path}, row {number}"
    if not title or not _kind(title):
        raise ActsTableError(f"{where}: title {title!r} should end in Act, Measure or "
                             "Regulations (without the year)")
    if not re.fullmatch(r"(?:18|19|20)\d\d", year):
        raise ActsTableError(f"{where}: year {year!r} is not a four-digit year")
    if not _URI.match(uri):
        raise ActsTableError(f"{where}: uri {uri!r} is not a legislation.gov.uk id URI "
                             "(http://www.legislation.gov.uk/id/TYPE/YEAR/NUMBER)")
    return TableAct(title, int(year), uri)


@lru_cache(maxsize=4)
def _load(extra: str | None, stamp: float | None) -> ActsTable:
    """Cached per file and modification time (``stamp`` is only part of the cache key)."""
    rows = read_table(BUNDLED)
    if extra is not None:
        # A user's row for an Act already bundled replaces it: the user knows their sources.
        added = read_table(Path(extra))
        replaced = {row.key for row in added}
        rows = [row for row in rows if row.key not in replaced] + added
    return ActsTable(rows)


def load_table() -> ActsTable:
    """The bundled table plus the user's CSV, re-read when that file changes."""
    extra = settings.acts_table_path()
    if extra is None:
        return _load(None, None)
    try:
        stamp = extra.stat().st_mtime
    except OSError:
        raise ActsTableError(f"acts table {extra}: no such file (set by PARTNERSHIP_KG_ACTS)"
                             ) from None
    return _load(str(extra), stamp)
