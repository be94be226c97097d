"""Questions across partnerships, answered from the topic mappings.

"Which partnerships have a domestic abuse priority?", "... prioritised reoffending in 2019?",
"Which partnerships dropped road safety, and when?" and "Compare the priorities of A and B".
The topic is read from the question by the same rules that map labels to topics; a topic
counts its narrower topics (a knife crime priority is a serious violence one), and such an
entry says so. Each partnership is named with its own label(s), the version and the quote;
low-confidence mappings are left out.
"""

from __future__ import annotations

import re
from typing import Any

from partnership_kg.answer.partnership import named_in
from partnership_kg.graph.query.partnerships import (
    PartnershipName,
    partnership_model,
    partnerships,
)
from partnership_kg.graph.query.topics import TopicEntry, entries, scheme_of
from partnership_kg.graph.topic_rules import match_label
from partnership_kg.graph.topic_scheme import TopicScheme

_WHICH = re.compile(r"\b(?:which|what) (?:community safety )?(?:partnerships?|csps?|cdrps?|"
                    r"areas?)\b", re.I)
_DROPPED = re.compile(r"\b(?:dropp\w*|drop|removed|stopped|retired|abandoned|no longer)\b",
                      re.I)
_COMPARE = re.compile(r"\b(?:compar\w*|differen\w*|versus|vs)\b", re.I)
_YEAR = re.compile(r"\b(?:in|during|for)\s+((?:19|20)\d{2})\b", re.I)


def across(ws: Any, text: str, known: list[PartnershipName]
           ) -> tuple[str, list[dict[str, Any]], dict[str, Any]] | None:
    """(answer, evidence, extra keys) for a question across partnerships, else None."""
    if _COMPARE.search(text):
        named = [p for p in known if named_in(text, [p])[0] is not None]
        if len(named) >= 2:
            return compare(ws, named, _year(text))
    if not _WHICH.search(text):
        return None
    scheme = scheme_of(ws.graph)
    asked = match_label(text, scheme)
    if not asked:
        return None
    topic = asked[0].topic
    if _DROPPED.search(text):
        return dropped(ws, scheme, topic)
    return having(ws, scheme, topic, _year(text))


def _year(text: str) -> int | None:
    found = _YEAR.search(text)
    return int(found.group(1)) if found else None


def _within(scheme: TopicScheme, topic: str, found: list[TopicEntry]) -> list[TopicEntry]:
    wanted = scheme.narrower_closure(topic)
    return [entry for entry in found if entry.topic in wanted and not entry.low_confidence]


def _label_entry(scheme: TopicScheme, topic: str, entry: TopicEntry) -> dict[str, Any]:
    item = {"label": entry.label, "kind": entry.kind, "version": entry.period,
            "topic": scheme.topics[entry.topic].label, "method": entry.method,
            "evidence": entry.evidence}
    if entry.topic != topic:  # reached through a narrower topic: inferred, and said so
        item["via_narrower_topic"] = scheme.topics[entry.topic].label
    if entry.scope:  # the label does not name the topic; what the text says it includes does
        item["includes"] = entry.scope
    return item


def having(ws: Any, scheme: TopicScheme, topic: str, year: int | None
           ) -> tuple[str, list[dict[str, Any]], dict[str, Any]]:
    name = scheme.topics[topic].label
    found = _within(scheme, topic, entries(ws.graph, year))
    groups: dict[str, list[TopicEntry]] = {}
    for entry in found:
        groups.setdefault(entry.partnership, []).append(entry)
    when = f" in {year}" if year else ""
    extra = {"topic": name, "year": year, "by_partnership": [
        {"partnership": partnership,
         "labels": [_label_entry(scheme, topic, e) for e in items]}
        for partnership, items in groups.items()]}
    if not groups:
        return (f"No partnership in this store had a priority or theme on {name}{when}: none "
                "of their labels maps to that topic.", [], extra)
    sentences = [f"{partnership}: {_labels_with_versions(scheme, topic, items)}"
                 for partnership, items in groups.items()]
    head = (f"{len(groups)} partnership{'s' if len(groups) > 1 else ''} had a priority or theme "
            f"on {name}{when}. ")
    return head + "; ".join(sentences) + ".", [e.evidence for e in found if e.evidence], extra


def _labels_with_versions(scheme: TopicScheme, topic: str, items: list[TopicEntry]) -> str:
    by_label: dict[tuple[str, str], list[str]] = {}
    for entry in items:
        by_label.setdefault((entry.label, entry.kind), []).append(entry.period)
    parts = []
    for (label, kind), periods in by_label.items():
        via = next((scheme.topics[e.topic].label for e in items
                    if e.label == label and e.topic != topic), None)
        scope = next((e.scope for e in items if e.label == label and e.scope), None)
        note = (f", under {via}" if via else "") + (f", includes '{scope}'" if scope else "")
        parts.append(f"'{label}' ({kind}, {', '.join(dict.fromkeys(periods))}{note})")
    return ", ".join(parts)


def dropped(ws: Any, scheme: TopicScheme, topic: str
            ) -> tuple[str, list[dict[str, Any]], dict[str, Any]]:
    """A partnership dropped a topic where a version lists it and the next version does not:
    the quote of the last label naming it, and the next version's labels with their quotes."""
    name = scheme.topics[topic].label
    wanted = scheme.narrower_closure(topic)
    mapped = {e.concept for e in entries(ws.graph) if e.topic in wanted and not e.low_confidence}
    drops, evidence = [], []
    for partnership in partnerships(ws.graph):
        scoped = partnership_model(ws.graph, partnership.iri)
        versions = scoped.real_versions()
        for older, newer in zip(versions, versions[1:], strict=False):
            before = [c for c in scoped.in_scheme(older.scheme) if c.iri in mapped]
            after = scoped.in_scheme(newer.scheme)
            if not before or not after or any(c.iri in mapped for c in after):
                continue
            old_quote = scoped.evidence(before[0].iri)
            # The new version's own list, every label quoted: what it has instead.
            new_quotes = [q for q in map(scoped.evidence, (c.iri for c in after)) if q]
            quotes = [quote for quote in (old_quote, *new_quotes) if quote]
            evidence += quotes
            drops.append({"partnership": partnership.label,
                          "labels": [c.label for c in before], "last_version": older.period,
                          "dropped_in": newer.period, "year": newer.year,
                          "then_listed": [c.label for c in after], "evidence": quotes})
    extra = {"topic": name, "dropped": drops}
    if not drops:
        return (f"No partnership in this store dropped {name}: no version lists it where the "
                "next version does not.", [], extra)
    sentences = [f"{d['partnership']} listed {', '.join(repr(label) for label in d['labels'])} "
                 f"in its {d['last_version']} version but not in its {d['dropped_in']} version "
                 f"({d['year']}), which lists {'; '.join(d['then_listed'])}" for d in drops]
    return (f"Partnerships that dropped {name}: " + "; ".join(sentences) + ".", evidence, extra)


def compare(ws: Any, named: list[PartnershipName], year: int | None
            ) -> tuple[str, list[dict[str, Any]], dict[str, Any]]:
    """The named partnerships' priorities and themes in force (latest, or in ``year``) lined
    up by shared topic: topics they share, then each one's own."""
    scheme = scheme_of(ws.graph)
    found = [e for e in entries(ws.graph, year, [p.label for p in named], in_force=True)
             if not e.low_confidence]
    labels = [p.label for p in named]
    holders: dict[str, dict[str, list[TopicEntry]]] = {}
    for entry in found:
        holders.setdefault(entry.topic, {}).setdefault(entry.partnership, []).append(entry)
    shared = {t: h for t, h in holders.items() if len(h) == len(labels)}

    def listed(by: dict[str, list[TopicEntry]]) -> str:
        return "; ".join(f"{p}: " + ", ".join(dict.fromkeys(f"'{e.label}' ({e.period})"
                                                            for e in items))
                         for p, items in by.items())

    sentences = [f"Both name {scheme.topics[t].label} ({listed(h)})."
                 if len(labels) == 2 else f"All name {scheme.topics[t].label} ({listed(h)})."
                 for t, h in sorted(shared.items(), key=lambda kv: scheme.topics[kv[0]].label)]
    own = {}
    for partnership in labels:
        mine = sorted({(scheme.topics[t].label, e.label) for t, h in holders.items()
                       if t not in shared for e in h.get(partnership, [])})
        own[partnership] = [{"topic": topic, "label": label} for topic, label in mine]
        if mine:
            sentences.append(f"Only {partnership}: " + ", ".join(
                f"{topic} ('{label}')" for topic, label in mine) + ".")
    when = f"in force in {year}" if year else "in force in each one's latest version"
    text = f"Priorities and themes {when}, by shared topic. " + " ".join(sentences)
    extra = {"year": year, "compared": labels,
             "shared": [{"topic": scheme.topics[t].label,
                         "by_partnership": {p: [_label_entry(scheme, t, e) for e in items]
                                            for p, items in h.items()}}
                        for t, h in shared.items()],
             "only": own}
    return text, [e.evidence for e in found if e.evidence], extra
