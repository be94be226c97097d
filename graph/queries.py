"""The contract's read queries: lineage, priorities in force, diff, and the ``ask`` helpers.

Every function takes a ``GraphStore`` (anything with ``.select(sparql) -> list[dict]``) and
returns plain dicts shaped as CONTRACT.md says, each fact with its evidence. Those about a
partnership's plans take ``partnership=`` (see ``query.partnerships``). The code lives in
``graph/query/``, one module per family of questions; this module is their one front door.
"""

from __future__ import annotations

from partnership_kg.graph.query.facts import (
    acts,
    assessment_counts,
    changes_in,
    lead_for_post,
    leads_of,
    meetings,
    plans_linked,
    post_holders,
)
from partnership_kg.graph.query.history import diff, lineage, priorities, themes
from partnership_kg.graph.query.model import EVENT_TYPES, Model, model_of
from partnership_kg.graph.query.model import event_dict as _event_dict
from partnership_kg.graph.query.partnerships import (
    UnknownPartnership,
    match,
    partnerships,
)

__all__ = [
    "EVENT_TYPES", "Model", "UnknownPartnership", "_event_dict", "acts", "assessment_counts",
    "changes_in", "diff", "lead_for_post", "leads_of", "lineage", "match", "meetings",
    "model_of", "partnerships", "plans_linked", "post_holders", "priorities", "themes",
]
