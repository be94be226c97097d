"""The rules that map a priority's label to shared topics, before any embedding is tried.

A label names a topic where one of the topic's labels is a run of whole words of it (case,
'&'/'and', hyphens and punctuation folded: "Reducing Re-Offending" names "reoffending"), or
where an acronym of the topic is a word of it in the case written ("ASB", not "asb"). Where
two matches overlap, the longer one wins ("violence against women and girls" over
"violence"), so "Serious violence, drugs and exploitation" names three topics and nothing
twice. A label that is its matched words alone and names one topic is a close match; one
that names more, or says more, is a broad match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from partnership_kg.graph.names import normalise
from partnership_kg.graph.topic_scheme import TopicScheme

_PREFIX_HYPHEN = re.compile(r"\b(re|co|pre|non|anti)-(?=[a-z])", re.I)
# Words that say what a partnership will do about a topic, not which topic it is.
_FRAME = {"and", "or", "the", "of", "to", "in", "on", "for", "from", "with", "other", "all",
          "tackle", "tackling", "reduce", "reducing", "reduction", "prevent", "preventing",
          "support", "supporting", "improve", "improving", "enhance", "enhancing", "protect",
          "protecting", "address", "addressing", "combat", "combating", "combatting", "our",
          "priority", "including", "related", "crime", "crimes", "harm", "safe", "safer",
          "response", "responding", "promote", "promoting", "increase", "increasing"}


@dataclass(frozen=True)
class RuleMatch:
    topic: str  # topic IRI
    method: str  # "label" or "acronym"
    matched: str  # the words matched, as the label writes them (folded)
    close: bool  # the label names this topic alone


def key(text: str) -> str:
    """A label folded for matching: "Anti-Social Behaviour" and "antisocial behaviour" meet."""
    return normalise(_PREFIX_HYPHEN.sub(r"\1", text))


def _spans(words: list[str], phrase: list[str]) -> list[tuple[int, int]]:
    size = len(phrase)
    return [(start, start + size) for start in range(len(words) - size + 1)
            if words[start:start + size] == phrase]


def match_label(label: str, scheme: TopicScheme) -> list[RuleMatch]:
    """The topics ``label`` names by the rules, in the order the label names them."""
    words = key(label).split()
    raw_words = re.findall(r"[A-Za-z0-9]+", label)
    found: list[tuple[tuple[int, int], str, str]] = []  # (span, topic, method)
    if not scheme.phrases:
        scheme.phrases.update({topic.iri: [name.split() for name in sorted(
            {key(text) for text in (topic.label, *topic.alt_labels)})]
            for topic in scheme.topics.values()})
    for topic in scheme.topics.values():
        for phrase in scheme.phrases[topic.iri]:
            found += [(span, topic.iri, "label") for span in _spans(words, phrase)]
        for acronym in topic.acronyms:
            if acronym in raw_words:  # in the case written: "DA" is not "da"
                at = [w.lower() for w in raw_words].index(acronym.lower())
                span = _acronym_span(words, acronym.lower(), at)
                found.append((span, topic.iri, "acronym"))
    kept = [item for item in found if not any(_inside(item[0], other[0]) for other in found)]
    by_topic: dict[str, tuple[tuple[int, int], str]] = {}
    for span, topic, method in sorted(kept, key=lambda item: item[0]):
        by_topic.setdefault(topic, (span, method))
    covered = {i for span, _, _ in kept for i in range(*span)}
    rest = [word for i, word in enumerate(words) if i not in covered and word not in _FRAME]
    close = len(by_topic) == 1 and not rest
    return [RuleMatch(topic, method, " ".join(words[span[0]:span[1]]), close)
            for topic, (span, method) in by_topic.items()]


def _acronym_span(words: list[str], acronym: str, near: int) -> tuple[int, int]:
    """Where an acronym sits among the folded words (its first place at or after ``near``)."""
    for index in range(min(near, len(words) - 1), len(words)):
        if words[index] == acronym:
            return index, index + 1
    at = words.index(acronym) if acronym in words else 0
    return at, at + 1


def _inside(span: tuple[int, int], other: tuple[int, int]) -> bool:
    """``span`` lies within ``other`` and is shorter: the longer match wins."""
    return other[0] <= span[0] and span[1] <= other[1] and (other[1] - other[0]) > (
        span[1] - span[0])
