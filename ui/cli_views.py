"""How ``lineage``, ``priorities`` and ``diff`` print for people (``--json`` prints the dicts).

A store of several partnerships answers for each, grouped: ``show`` prints each group under its
partnership's name, so two partnerships' plans are never read as one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click


def format_evidence(evidence: dict[str, Any] | None) -> str:
    if not evidence:
        return ""
    page = f", p. {evidence['page']}" if evidence.get("page") else ""
    return f'    [{evidence["source"]}{page}] "{evidence["quote"]}"'


def show(result: dict[str, Any], printer: Callable[[dict[str, Any]], None]) -> None:
    """Print one answer, or each partnership's answer under its name."""
    groups = result.get("partnerships")
    if groups is None:
        if result.get("partnership"):
            click.echo(f"== {result['partnership']}")
        printer(result)
        return
    for group in groups:
        click.echo(f"== {group['partnership']}")
        printer(group)


def lineage(result: dict[str, Any]) -> None:
    if not result.get("concept"):
        click.echo(f"No priority or theme matches {result['query']!r}.")
        return
    click.echo(f"{result['concept']}")
    for entry in result["timeline"]:
        click.echo(f"  {entry['period']:<12} {entry['label']}  [{entry['source']}]")
    from partnership_kg.answer.changes import describe_event
    from partnership_kg.graph.queries import event_quotes

    for event in result["events"]:
        click.echo(describe_event(event))
        for quote in event_quotes(event):
            click.echo(format_evidence(quote))


def priorities(result: dict[str, Any]) -> None:
    agreement = result.get("agreement")
    if not agreement and result.get("document"):
        click.echo(f"{result['document']} states no priorities or themes this store could read.")
        return
    if not agreement:
        year = result.get("year")
        click.echo(f"No agreement in the store was in force in {year}." if year else
                   "The store holds no agreement.")
        return
    click.echo(f"{agreement['title']} ({agreement['period'] or 'undated'})")
    for priority in result["priorities"]:
        leads = f" - lead: {'; '.join(priority['leads'])}" if priority.get("leads") else ""
        click.echo(f"  * {priority['label']}{leads}")
    if result.get("themes"):
        click.echo("Cross-cutting themes:")
        for theme in result["themes"]:
            click.echo(f"  - {theme['label']}")


def diff(result: dict[str, Any]) -> None:
    names = {key: (result.get(key) or {}).get("title", key) for key in ("from", "to")}
    click.echo(f"{names['from']}  ->  {names['to']}")
    for key in ("added", "removed", "plans_added", "plans_removed"):
        for entry in result.get(key, []):
            label = entry if isinstance(entry, str) else entry.get("label") or entry.get("title")
            click.echo(f"  {key.replace('_', ' ')}: {label}")
    for entry in result.get("renamed", []):
        before, after = (" + ".join(x) if isinstance(x, list) else x
                         for x in (entry["from"], entry["to"]))
        click.echo(f"  {entry['type']}: {before} -> {after}")
    for entry in result.get("leads_changed", []):
        click.echo(f"  lead changed for {entry['priority']}: {'; '.join(entry['from'])} -> "
                   f"{'; '.join(entry['to'])}")
