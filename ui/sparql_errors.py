"""SPARQL syntax errors in plain words: where (line and column), what was found there, and for
an undeclared prefix, which prefixes exist. The parser's own list of expected tokens ("expected
one of LATERAL, SERVICE, [_]") is not for people and is never shown."""

from __future__ import annotations

import re
from collections.abc import Iterable

_WHERE = re.compile(r"error at (\d+):(\d+)")
_PREFIXED = re.compile(r"([A-Za-z][\w.-]*)?:")


def _declared(query: str) -> list[str]:
    return re.findall(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?:", query)


def plain_sparql_error(query: str, message: str, prefixes: Iterable[str]) -> str:
    """One line a user can act on for the parser's ``message`` about ``query``."""
    where = _WHERE.search(message)
    if where is None:
        return message.split("\n", 1)[0].removeprefix("SPARQL syntax error: ")
    line_number, column = int(where.group(1)), int(where.group(2))
    lines = query.splitlines() or [""]
    line = lines[min(line_number, len(lines)) - 1]
    # The parser counts columns from 1.
    rest = line[column - 1:].strip()
    place = f"Line {line_number}, column {column}"
    if "Prefix not found" in message:
        # The prefixed name ends where the parser stopped; its prefix is the word before ':'.
        before = line[:column - 1]
        found = [m for m in _PREFIXED.finditer(before) if m.end() <= len(before)]
        prefix = found[-1].group(1) or "" if found else ""
        known = ", ".join(f"{p}:" for p in sorted({*prefixes, *_declared(query)}))
        return (f"{place}: the prefix “{prefix}:” is not declared. Prefixes you can use: "
                f"{known} (or declare it: PREFIX {prefix}: <http://...>).")
    opened, closed = query.count("{"), query.count("}")
    if opened != closed:
        brace = "“{” is not closed" if opened > closed else "there is a “}” too many"
        return f"{place}: {brace} ({opened} opened, {closed} closed)."
    # Past the end of the line the problem is the last thing written before it.
    near = rest or line[:column - 1].strip()
    near = near if len(near) <= 40 else (near[:39] + "…" if rest else "…" + near[-39:])
    return (f"{place}: the query cannot be read near “{near}” (check the spelling of keywords "
            "and the brackets).")
