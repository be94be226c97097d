"""``partnership-kg topics``: the partnerships x shared topics matrix (kept apart from
``cli.py`` so that file stays small; registered there)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from partnership_kg.ui.cli_views import format_evidence


def _override_store(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
    if value is not None:
        ctx.obj["store"] = value


@click.command()
@click.option("--store", type=click.Path(path_type=Path), expose_value=False,
              callback=_override_store, help="Store to use (overrides the global --store).")
@click.option("--year", type=int, help="Concepts in force that year (default: every version).")
@click.option("--partnership", "partnership_names", metavar="NAME", multiple=True,
              help="A partnership to show (repeat for several; default: every partnership).")
@click.option("--json", "as_json", is_flag=True, help="Print the contract's JSON on stdout.")
@click.pass_context
def topics(ctx: click.Context, year: int | None, partnership_names: tuple[str, ...],
           as_json: bool) -> None:
    """The partnerships x shared topics matrix: for each partnership, the topics its
    priorities and themes map to, with its own labels, the version and the quote."""
    from partnership_kg.ui.cli import emit_json, open_workspace

    result = open_workspace(ctx).topics(year=year, partnerships=list(partnership_names) or None)
    if as_json:
        emit_json(result)
        return
    show_matrix(result)


def show_matrix(result: dict[str, Any]) -> None:
    when = f"in force in {result['year']}" if result["year"] else "in any version"
    click.echo(f"Shared topics of {len(result['partnerships'])} partnership(s), {when}:")
    if not result["cells"]:
        click.echo("  (no priority or theme maps to a topic)")
    for partnership in result["partnerships"]:
        cells = [cell for cell in result["cells"] if cell["partnership"] == partnership]
        click.echo(f"\n{partnership}")
        for cell in cells:
            click.echo(f"  {cell['topic']}")
            for entry in cell["entries"]:
                low = ", low confidence" if entry["low_confidence"] else ""
                click.echo(f"    '{entry['label']}' ({entry['version']}; {entry['method']}"
                           f"{low})")
                if entry.get("evidence"):
                    click.echo("  " + format_evidence(entry["evidence"]))
