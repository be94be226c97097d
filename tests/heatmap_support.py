"""A partnerships x topics matrix of 30 invented partnerships and 60 topics (the bundled scheme's
topics and a user's extra ones), for the readability check, and a store that serves it."""

from __future__ import annotations

from typing import Any

from partnership_kg.workspace import Workspace

PLACES = ["Wessex", "Northshire", "Riverford", "Eastvale", "Marshfield", "Southbury",
          "Westmarch", "Greyhaven", "Oakdene", "Ashcombe", "Brackenridge", "Coldwater",
          "Dunmoor", "Elmstead", "Fairhollow", "Glenrock", "Hollowmere", "Kingsferry",
          "Larkhill Vale", "Millbrook", "Nettlecombe", "Orchardleigh", "Pennington Moor",
          "Quarrydown", "Redwater", "Stonebridge", "Thornbury Fen", "Upper Wyndham",
          "Valeford", "Wychwood Marches"]
# Every other name long, as county partnerships' are.
PARTNERSHIPS = [f"{place} and District Community Safety Partnership" if n % 2 else
                f"Safer {place} Partnership" for n, place in enumerate(PLACES)]
# What a user's own Turtle file might add to the bundled scheme.
EXTRA_TOPICS = ["Livestock worrying and farm theft", "Heritage crime",
                "Retail crime and shoplifting", "Fly-tipping and littering",
                "Doorstep crime and rogue traders",
                "Water safety and drowning prevention", "Unauthorised encampments",
                "Bonfire and firework safety", "Nuisance cold calling"]


def topic_names() -> list[str]:
    from partnership_kg.graph.topic_scheme import load_scheme

    bundled = sorted(topic.label for topic in load_scheme().topics.values())
    assert not set(bundled) & set(EXTRA_TOPICS), "an extra topic must be a new one"
    return bundled + EXTRA_TOPICS


def matrix() -> dict[str, Any]:
    """Each partnership mapped to a spread of topics: dark cells, pale ones and blanks."""
    topics = topic_names()
    cells = []
    for row, partnership in enumerate(PARTNERSHIPS):
        for column, topic in enumerate(topics):
            kind = (row * 7 + column * 3) % 5
            if kind > 1:
                continue
            label = f"{topic} in {PLACES[row]}"
            cells.append({"partnership": partnership, "topic": topic, "confident": kind == 0,
                          "entries": [{"label": label, "version": "2021-24", "year": 2021,
                                       "method": "label", "confidence": 0.9 - 0.4 * kind,
                                       "low_confidence": kind == 1,
                                       "evidence": {"source": "plan.txt", "page": 1,
                                                    "quote": f"Our priority: {label}."}}]})
    return {"year": None, "partnerships": PARTNERSHIPS,
            "topics": [{"topic": topic} for topic in topics], "cells": cells}


class ThirtyBySixty(Workspace):
    """A real store whose Partnerships tab shows the synthetic matrix for every year."""

    def topics(self, year: int | None = None,
               partnerships: list[str] | None = None) -> dict[str, Any]:
        return matrix()
