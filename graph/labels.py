"""Label rules for priorities, themes and plans: clean a list item, split a series, learn the
acronyms a text defines, and tell when two labels of one agreement version name one concept.

General English and typography only: no label of any corpus is written here.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from partnership_kg.graph.names import normalise

MINOR = {"and", "of", "the", "for", "in", "on", "to", "a", "an", "from", "with", "by", "or"}
_BULLET = re.compile(r"^\s*(?:[-•–—*o▪●◦]\s+|\(?[0-9]{1,2}[.)]\s+|\(?[a-z][.)]\s+)")
_MARKUP = re.compile(r"\*\*|__|</?\w+>")
_TRAILING = re.compile(r"[\s;:,.]+$")
_PAREN_TAIL = re.compile(r"\s*\(([^()]*)\)\s*$")
_WORD = re.compile(r"[A-Za-z0-9]+")
_DEFINED = re.compile(r"\(\s*[\"“']?([A-Z][A-Za-z]{1,9}?)s?[\"”']?\s*\)")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,9}s?$")


def clean_item(text: str) -> str:
    """A list item as a label: bullets, markup, quotes and trailing punctuation removed."""
    text = _MARKUP.sub("", text)
    text = _BULLET.sub("", text.strip())
    text = text.strip().strip("‘’'\"“”").strip()
    text = re.sub(r"^(?:and|or)\s+", "", text, flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", _TRAILING.sub("", text)).strip()


def split_series(text: str) -> list[str]:
    """ "A; B; and C" or "A, B and C" -> [A, B, C] (semicolons win over commas)."""
    text = re.sub(r"\s*\((?:which|see|i\.e\.|e\.g\.)[^()]*\)", "", text)  # asides, not items
    if ";" in text:
        items = text.split(";")
        # "A; B; C, and D": the last two joined by a comma and "and".
        items[-1:] = re.split(r",\s+and\s+", items[-1], maxsplit=1)
    else:
        items = text.split(",")
        if len(items) > 1 and " and " in items[-1]:
            items[-1:] = _split_last(items[-1], items[:-1])
    return [label for label in (clean_item(item) for item in items) if label]


_SCOPE_PIECE = re.compile(r"(?:including|includes|such\s+as)\b", re.IGNORECASE)


def _split_last(last: str, before: list[str]) -> list[str]:
    """The series' last two items, joined by "and": where every item before is capitalised
    ("including C" inside an item aside), at the "and" before a capital ("worry of crime and
    disorder and Improving trust"), else at the first."""
    labels = [item.strip() for item in before if not _SCOPE_PIECE.match(item.strip())]
    if labels and all(label[:1].isupper() for label in labels):
        capital = re.search(r"\s+and\s+(?=[A-Z])", last)
        if capital:
            return [last[: capital.start()], last[capital.end():]]
    return last.split(" and ", 1)


def initials(label: str) -> str:
    """ "Anti-Social Behaviour" -> "ASB", "Violence Against Women and Girls" -> "VAWG"."""
    words = _WORD.findall(label.replace("&", " and "))
    return "".join(word[0].upper() for word in words if word.lower() not in MINOR)


def is_acronym(text: str) -> bool:
    return bool(_ACRONYM.match(text.strip()))


def split_parenthesis(label: str) -> tuple[str, str | None]:
    """ "Violence Against Women and Girls (VAWG)" -> ("Violence ... Girls", "VAWG")."""
    match = _PAREN_TAIL.search(label)
    if not match or not label[: match.start()].strip():
        return label, None
    return label[: match.start()].strip(), match.group(1).strip()


def defined_acronyms(text: str) -> dict[str, str]:
    """Acronyms a text defines by "Words In Full (WIF)": {"WIF": "Words In Full"}."""
    found: dict[str, str] = {}
    for match in _DEFINED.finditer(text):
        acronym = match.group(1)
        if not is_acronym(acronym) or acronym in found:
            continue
        words = re.findall(r"[\w&'’-]+", text[max(0, match.start() - 160): match.start()])
        for size in range(1, min(len(words), 10) + 1):
            candidate = words[-size:]
            if candidate[0].lower() in MINOR:
                continue
            if initials(" ".join(candidate)) == acronym.upper():
                found[acronym] = " ".join(candidate)
                break
    return found


def key_tokens(label: str, acronyms: dict[str, str]) -> tuple[str, ...]:
    """Content words of a label, with acronyms the document defines written out."""
    expanded = " ".join(acronyms.get(word, word) for word in re.findall(r"[\w&'’-]+", label))
    return tuple(word for word in normalise(expanded).split() if word not in MINOR)


def same_label(a: str, b: str, acronyms: dict[str, str], strict: bool = False) -> bool:
    """Two labels of one version naming one concept: spelling, "&"/"and", an acronym written
    out; unless ``strict``, also a truncated or extended form ("Safeguarding Children & Young
    [People]") or a near spelling."""
    keys_a = {key_tokens(a, acronyms), key_tokens(split_parenthesis(a)[0], acronyms)}
    keys_b = {key_tokens(b, acronyms), key_tokens(split_parenthesis(b)[0], acronyms)}
    if keys_a & keys_b:
        return True
    if strict:
        return False
    for key_a in keys_a:
        for key_b in keys_b:
            small, large = sorted((set(key_a), set(key_b)), key=len)
            if len(small) >= 2 and small <= large and len(small) * 3 >= len(large) * 2:
                return True
            if fuzz.ratio(" ".join(key_a), " ".join(key_b)) >= 92:
                return True
    return False


def alt_labels(label: str, acronyms: dict[str, str]) -> list[str]:
    """Other names of a label: its acronym (stated or derived), the acronyms inside it written
    out, the label without its parenthesis."""
    base, inner = split_parenthesis(label)
    names: list[str] = []
    if inner and is_acronym(inner):
        names.append(inner)
    elif inner:
        # "Crime & ASB (Anti-Social Behaviour)": the parenthesis spells out an acronym.
        for word in base.split():
            if is_acronym(word) and initials(inner) == word.upper():
                names.append(base.replace(word, inner))
    for word in base.split():
        if word in acronyms:
            names.append(base.replace(word, acronyms[word]))
    derived = initials(base)
    # Derived initials only for labels in plain words: "Crime & ASB" has no acronym of its own.
    plain = not any(map(is_acronym, base.split())) and not re.search(r"[,/;]", base)
    if 3 <= len(derived) <= 4 and plain:
        names.append(derived)
    for acronym, expansion in acronyms.items():
        if normalise(expansion) == normalise(base):
            names.append(acronym)
    if base != label:
        names.append(base)
    unique: dict[str, str] = {normalise(label): label}
    for name in names:
        unique.setdefault(normalise(name), name)
    return list(unique.values())[1:]
