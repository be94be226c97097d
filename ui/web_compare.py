"""The Compare tab: two agreement versions side by side. From later than To is swapped (and
said so); a version against itself is refused in words."""

from __future__ import annotations

from typing import Any

import gradio as gr

from partnership_kg.ui.web_common import escape, plain_error, table
from partnership_kg.ui.web_session import Session

RENAMED_COLUMNS = ["year", "from", "to", "change", "source", "page", "quote"]


def ordered(first: str, second: str,
            versions: list[dict[str, Any]]) -> tuple[str, str, str]:
    """(older key, newer key, a note for the reader): From later than To is swapped."""
    position = {version["key"]: i for i, version in enumerate(versions)}
    if position.get(first, -1) > position.get(second, -1) >= 0:
        return second, first, ("From was later than To, so they are swapped: changes read from "
                               "the older version to the newer.")
    return first, second, ""


def compare_tab(session: Session, partnership: gr.Dropdown) -> None:
    with gr.Tab("Compare", id="compare"):
        gr.Markdown("Choose two agreement versions to see what changed between them.",
                    elem_classes="pkg-note")
        with gr.Row():
            first = gr.Dropdown(choices=[], label="From", value=None, elem_id="compare-a")
            second = gr.Dropdown(choices=[], label="To", value=None, elem_id="compare-b")
            go_button = gr.Button("Compare", variant="primary", elem_id="compare-run")

        def versions_of(owner: str | None = None) -> tuple[Any, Any]:
            mine = session.agreement_choices(owner)
            return (gr.update(choices=mine, value=mine[0][1] if mine else None),
                    gr.update(choices=mine, value=mine[-1][1] if mine else None))

        session.refreshers.append((first, lambda: versions_of()[0]))
        session.refreshers.append((second, lambda: versions_of()[1]))
        header = gr.Markdown(elem_id="compare-header")
        # The changes of name first: they are what readers of two versions most often miss.
        renamed = gr.Dataframe(label="Renamed, expanded, merged or split", interactive=False,
                               wrap=True, elem_id="compare-renamed", elem_classes="pkg-table",
                               column_widths=["8%", "15%", "15%", "10%", "14%", "6%", "32%"])
        with gr.Row():
            removed = gr.Markdown(elem_id="compare-removed")
            added = gr.Markdown(elem_id="compare-added")
        leads = gr.Markdown(elem_id="compare-leads")
        partnership.input(versions_of, partnership, [first, second])

        def compare(a: str | None, b: str | None, owner: str | None) -> tuple[Any, ...]:
            empty = ("", "", None, "")
            if not a or not b:
                return ("Choose two agreement versions.", *empty)
            if a == b:
                return ("From and To are the same version: choose two different versions to "
                        "see what changed.", *empty)
            a, b, note = ordered(a, b, session.agreements(session.scope(owner)))
            try:
                diff = session.workspace.diff(a, b, partnership=session.scope(owner))
            except Exception as error:  # noqa: BLE001
                return (plain_error(error), *empty)
            heading = (f"### {_agreement_name(diff.get('from'))} → "
                       f"{_agreement_name(diff.get('to'))}")
            return (heading + (f"\n\n*{note}*" if note else ""),
                    _bullets("Removed (only in the older)", diff.get("removed")) + "\n\n"
                    + _bullets("Plans no longer linked", diff.get("plans_removed")),
                    _bullets("Added (only in the newer)", diff.get("added")) + "\n\n"
                    + _bullets("Plans newly linked", diff.get("plans_added")),
                    table([[r.get("year"), r.get("from"), r.get("to"), r.get("type"),
                            (r.get("evidence") or {}).get("source"),
                            (r.get("evidence") or {}).get("page"),
                            (r.get("evidence") or {}).get("quote")]
                           for r in diff.get("renamed") or []], RENAMED_COLUMNS),
                    _bullets("Leads changed", diff.get("leads_changed")))

        go_button.click(compare, [first, second, partnership],
                        [header, removed, added, renamed, leads])


def _agreement_name(agreement: Any) -> str:
    if not isinstance(agreement, dict):
        return str(agreement or "?")
    title = str(agreement.get("title") or agreement.get("source"))
    period = str(agreement.get("period") or "")
    return escape(title if period in title else f"{title} ({period})")


def _item_text(item: Any) -> str:
    """A diff entry as one markdown line: a label (with its kind and where it is stated), a
    lead change as "priority: old → new", else the entry's fields joined."""
    if not isinstance(item, dict):
        return escape(str(item))
    evidence = item.get("evidence") or {}
    where = ""
    if evidence.get("source"):
        page = evidence.get("page")
        where = f" — {escape(str(evidence['source']))}" + (f", page {page}" if page else "")
    if "label" in item:
        kind = f" ({escape(str(item['kind']))})" if item.get("kind") else ""
        return f"**{escape(str(item['label']))}**{kind}{where}"
    if "priority" in item and "from" in item and "to" in item:
        def names(value: Any) -> str:
            return "; ".join(map(str, value)) if isinstance(value, list) else str(value)

        return (f"**{escape(str(item['priority']))}**: {escape(names(item['from']))}"
                f" → {escape(names(item['to']))}{where}")
    return escape("; ".join(f"{k}: {v}" for k, v in item.items()
                                 if k != "evidence" and v not in (None, "")))


def _bullets(title: str, items: Any) -> str:
    items = list(items or [])
    if not items:
        return f"**{title}:** none"
    return f"**{title}:**\n\n" + "\n".join(f"- {_item_text(i)}" for i in items)
