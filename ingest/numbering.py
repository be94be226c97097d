"""List numbering as a reader shows it: "3.", "c)", "iv." from an <ol> or Word's definitions.

Word stores no list numbers in the text: a numbered paragraph points at a numbering definition
(format and pattern per level, e.g. lowerLetter and "%1)") and the number is counted at display
time. ``Numbering`` counts the same way so list items keep the numbers a reader sees.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.text.paragraph import Paragraph

_BULLETS = {"bullet", "none"}


def counter_text(number: int, fmt: str) -> str:
    """``number`` in a list format: decimal, lowerLetter, upperLetter, lowerRoman, upperRoman."""
    if fmt in {"lowerLetter", "upperLetter"} and 1 <= number <= 26:
        letter = chr(ord("a") + number - 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in {"lowerRoman", "upperRoman"} and 1 <= number < 40:
        roman = ""
        for value, letters in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
            while number >= value:
                roman, number = roman + letters, number - value
        return roman.upper() if fmt == "upperRoman" else roman
    return str(number)


class Numbering:
    """The numbering definitions of one Word document, and the counters of its lists."""

    def __init__(self, levels: dict[str, dict[int, tuple[str, str, int]]]) -> None:
        self.levels = levels  # numId -> level -> (format, pattern such as "%1.", start)
        self.counters: dict[str, dict[int, int]] = {}

    @classmethod
    def of(cls, document: WordDocument) -> Numbering:
        from docx.oxml.ns import qn

        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return cls({})  # no list definitions in the package

        def value(parent: Any, tag: str) -> str | None:
            child = parent.find(qn(tag))
            return child.get(qn("w:val")) if child is not None else None

        abstract: dict[str | None, dict[int, tuple[str, str, int]]] = {}
        for definition in root.findall(qn("w:abstractNum")):
            levels = {}
            for level in definition.findall(qn("w:lvl")):
                start = value(level, "w:start") or "1"
                levels[int(level.get(qn("w:ilvl")) or 0)] = (
                    value(level, "w:numFmt") or "decimal",
                    value(level, "w:lvlText") or "",
                    int(start) if start.isdigit() else 1,
                )
            abstract[definition.get(qn("w:abstractNumId"))] = levels
        nums = {num.get(qn("w:numId")): abstract.get(value(num, "w:abstractNumId"), {})
                for num in root.findall(qn("w:num"))}
        return cls({key: levels for key, levels in nums.items() if key is not None})

    def item(self, paragraph: Paragraph) -> str | None:
        """None for a paragraph outside any list; "" for a bullet; else its number ("2.")."""
        found = _num_pr(paragraph)
        if found is None:
            name = (paragraph.style.name or "") if paragraph.style is not None else ""
            return "" if name.lower().startswith("list") else None
        num_id, level = found
        definition = self.levels.get(num_id, {}).get(level)
        if num_id == "0":
            return None  # numbering switched off on this paragraph
        if definition is None or definition[0] in _BULLETS:
            return ""
        counters = self.counters.setdefault(num_id, {})
        start = definition[2]
        counters[level] = counters[level] + 1 if level in counters else start
        for deeper in [key for key in counters if key > level]:
            del counters[deeper]  # a sub-list starts again under its next parent item
        text = definition[1]
        for shown in range(level + 1):
            fmt = self.levels[num_id].get(shown, ("decimal", "", 1))[0]
            number = counters.get(shown, self.levels[num_id].get(shown, ("", "", 1))[2])
            text = text.replace(f"%{shown + 1}", counter_text(number, fmt))
        return text.strip()


def _num_pr(paragraph: Paragraph) -> tuple[str, int] | None:
    """(numId, level) set on the paragraph, else on its style or the styles it is based on."""
    holders: list[Any] = [paragraph._p]
    style = paragraph.style
    for _ in range(10):
        if style is None:
            break
        holders.append(style.element)
        style = style.base_style
    for holder in holders:
        properties = holder.pPr
        numbering = properties.numPr if properties is not None else None
        if numbering is not None and numbering.numId is not None:
            level = numbering.ilvl.val if numbering.ilvl is not None else 0
            return str(numbering.numId.val), int(level)
    return None
