"""The ``partnership-kg`` command line (click).

A question given without a command is asked: ``partnership-kg "Who leads Road Safety?"``.
``--json`` output goes to stdout alone; progress and messages go to stderr. Bad input ends in one
line and exit code 2, never a traceback (set PARTNERSHIP_KG_DEBUG=1 to see one).
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from partnership_kg import settings, storage
from partnership_kg.ui import cli_views as views
from partnership_kg.ui.cli_views import format_evidence

EXPORT_FORMATS = ["ttl", "trig", "nq", "jsonld", "graphml", "gexf", "csv", "png", "svg", "html"]
METHOD_WORDS = {"graph": "(answered from the knowledge graph)",
                "passages": "(answered from passages of the documents)",
                "none": "(no source supports an answer)"}


class DefaultGroup(click.Group):
    """A group whose unknown first word starts the default command (``ask``)."""

    default_command = "ask"

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args.insert(0, self.default_command)
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        """Known failures become one line and an exit code, never a traceback."""
        from partnership_kg.graph.base import QueryRefused

        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:  # output piped into `head` and the like: not an error
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise click.exceptions.Exit(0) from None
        except (storage.MissingStoreError, storage.BuildInProgress, QueryRefused,
                ValueError) as error:
            raise Refused(str(error)) from None
        except Exception as error:
            if os.environ.get("PARTNERSHIP_KG_DEBUG"):
                raise
            raise click.ClickException(f"{type(error).__name__}: {error}") from None


class Refused(click.ClickException):
    """Missing store, refused update, bad value: exit code 2 as the contract says."""

    exit_code = 2


def json_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--json", "as_json", is_flag=True,
                        help="Print the contract's JSON on stdout.")(command)


def _override_store(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
    if value is not None:
        ctx.obj["store"] = value


PARTNERSHIP_HELP = ("Whose plans: a partnership's name, acronym, area or part of its name "
                    "(default: each partnership in the store).")


def partnership_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--partnership", metavar="NAME", help=PARTNERSHIP_HELP)(command)


def store_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--store`` after the command too: ``partnership-kg ask "..." --store kg`` works."""
    return click.option("--store", type=click.Path(path_type=Path), expose_value=False,
                        callback=_override_store, help="Store to use (overrides the global "
                        "--store).")(command)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def open_workspace(ctx: click.Context):  # -> partnership_kg.Workspace
    from partnership_kg.workspace import Workspace

    return Workspace(ctx.obj["store"])


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--store", type=click.Path(path_type=Path), default=None,
              help="Where the graph, index and documents live "
                   "[default: $PARTNERSHIP_KG_STORE, else ./.partnership-kg].")
@click.version_option(package_name="partnership-kg")
@click.pass_context
def cli(ctx: click.Context, store: Path | None) -> None:
    """Turn a partnership's documents into a knowledge graph you can question.

    \b
    Start with:  partnership-kg build          (ingests the bundled sample corpus)
    then:        partnership-kg "Who leads Road Safety in the 2017 agreement?"
                 partnership-kg lineage ASB
                 partnership-kg serve          (the web UI on http://127.0.0.1:7860)
    """
    ctx.obj = {"store": settings.store_path(store)}


@cli.command()
@store_option
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--partnership", metavar="NAME",
              help="Whose documents these are (default: the name each one's text uses, "
                   "else the folder it is in).")
@click.option("--sparql-endpoint", "query_url", metavar="QUERY_URL",
              help="Write the graph to this SPARQL 1.1 server's query URL (with "
                   "--sparql-update-endpoint); later commands on the store read from it. "
                   "Credentials: $PARTNERSHIP_KG_SPARQL_USER, $PARTNERSHIP_KG_SPARQL_PASSWORD.")
@click.option("--sparql-update-endpoint", "update_url", metavar="UPDATE_URL",
              help="The same server's SPARQL 1.1 Update URL.")
@json_option
@click.pass_context
def build(ctx: click.Context, paths: tuple[Path, ...], partnership: str | None,
          query_url: str | None, update_url: str | None, as_json: bool) -> None:
    """Ingest PDF, Word (.docx), web page (.html) and text files and folders (default: the
    bundled corpus).

    Unchanged files are skipped; changed files replace their old version. Exit code 1 when
    some files failed (the rest are ingested and kept).
    """
    from partnership_kg.pipeline import build as run_build

    store = ctx.obj["store"]
    interactive = sys.stderr.isatty() and not as_json
    report = run_build(list(paths), store, progress=interactive,
                       on_file=_file_progress() if interactive else None,
                       partnership=partnership, endpoint=_endpoint(query_url, update_url))
    if as_json:
        emit_json(report)
    else:
        for entry in report["ingested"]:
            click.echo(f"ingested   {entry['source']}: {entry['type']}, "
                       f"{_count(entry['pages'], 'page')}, {_count(entry['parts'], 'part')}, "
                       f"{_count(entry['chunks'], 'chunk')}")
            for warning in entry.get("warnings", []):
                click.echo(f"  warning: {warning}")
        for entry in report["unchanged"]:
            click.echo(f"unchanged  {entry['source']}")
        for entry in report["failed"]:
            click.echo(f"failed     {entry['source']}: {entry['error']}")
        click.echo(f"store: {store}", err=True)
    ctx.exit(1 if report["failed"] else 0)


def _endpoint(query_url: str | None, update_url: str | None):  # -> Endpoint | None
    """The two URLs of ``build``'s SPARQL server, both or neither."""
    if not query_url and not update_url:
        return None
    if not (query_url and update_url):
        raise Refused("--sparql-endpoint and --sparql-update-endpoint go together: give both")
    for url in (query_url, update_url):
        if not url.startswith(("http://", "https://")):
            raise Refused(f"not an http(s) URL: {url!r}")
    from partnership_kg.graph.sparql_endpoint import Endpoint

    return Endpoint(query_url, update_url)


def _file_progress() -> Callable[[str, int, int], None]:
    def show(name: str, done: int, total: int) -> None:
        click.echo(f"\r[{done + 1}/{total}] reading {name[:60]:<60}", err=True, nl=False)
        if done + 1 == total:
            click.echo("", err=True)

    return show


@cli.command()
@store_option
@click.argument("question", nargs=-1, required=True)
@partnership_option
@json_option
@click.pass_context
def ask(ctx: click.Context, question: tuple[str, ...], partnership: str | None,
        as_json: bool) -> None:
    """Answer a question in plain words, with citations (source, page, quote); on a store of
    several partnerships, about the one the question (or --partnership) names."""
    result = open_workspace(ctx).ask(" ".join(question), partnership=partnership)
    if as_json:
        emit_json(result)
        return
    click.echo(result["answer"])
    for citation in result["citations"]:
        click.echo(format_evidence(citation))
    click.echo(METHOD_WORDS.get(result["method"], f"(method: {result['method']})"))


@cli.command()
@store_option
@click.argument("query", nargs=-1, required=True)
@click.option("-k", "k", default=5, show_default=True, type=click.IntRange(1, 100),
              help="How many passages.")
@click.option("--mode", type=click.Choice(["hybrid", "dense", "bm25"]), default="hybrid",
              show_default=True, help="Rank fusion of both, embeddings alone, or BM25 alone.")
@json_option
@click.pass_context
def search(ctx: click.Context, query: tuple[str, ...], k: int, mode: str, as_json: bool) -> None:
    """Ranked passages for QUERY."""
    text = " ".join(query)
    results = open_workspace(ctx).search(text, k=k, mode=mode)
    if as_json:
        keys = ("source", "page", "text", "score", "title", "section")
        emit_json({"query": text, "results": [{key: r.get(key) for key in keys} for r in results]})
        return
    for rank, result in enumerate(results, 1):
        page = f" p. {result['page']}" if result.get("page") else ""
        click.echo(f"{rank}. {result['source']}{page}  ({result['score']:.3f})")
        click.echo(f"   {result['text'][:300]}")


@cli.command()
@store_option
@click.argument("name", nargs=-1, required=True)
@partnership_option
@json_option
@click.pass_context
def lineage(ctx: click.Context, name: tuple[str, ...], partnership: str | None,
            as_json: bool) -> None:
    """The history of a priority or theme: NAME may be a label, a past label or an acronym."""
    result = open_workspace(ctx).lineage(" ".join(name), partnership=partnership)
    if as_json:
        emit_json(result)
        return
    views.show(result, views.lineage)


@cli.command()
@store_option
@click.option("--year", type=int, help="The year to look at (default: the latest agreement).")
@click.option("--document", "document", help="An agreement's source file name.")
@partnership_option
@json_option
@click.pass_context
def priorities(ctx: click.Context, year: int | None, document: str | None,
               partnership: str | None, as_json: bool) -> None:
    """The priorities and themes in force, with their leads."""
    result = open_workspace(ctx).priorities(year=year, document=document,
                                            partnership=partnership)
    if as_json:
        emit_json(result)
        return
    views.show(result, views.priorities)


@cli.command()
@store_option
@click.argument("a")
@click.argument("b")
@partnership_option
@json_option
@click.pass_context
def diff(ctx: click.Context, a: str, b: str, partnership: str | None, as_json: bool) -> None:
    """What changed between two agreements, given by year or source file."""
    result = open_workspace(ctx).diff(a, b, partnership=partnership)
    if as_json:
        emit_json(result)
        return
    views.show(result, views.diff)


@cli.command()
@store_option
@click.argument("query")
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "table"]), default="table",
              show_default=True)
@click.pass_context
def sparql(ctx: click.Context, query: str, fmt: str) -> None:
    """Run a read-only SPARQL 1.1 query (prefixes csa:, skos:, dct:, org:, prov:, oa: ready).

    Any update (INSERT, DELETE, LOAD, CLEAR ...) is refused with exit code 2.
    """
    from partnership_kg.graph.base import PREFIXES, QueryError
    from partnership_kg.ui.sparql_errors import plain_sparql_error

    workspace = open_workspace(ctx)
    try:
        rows = workspace.sparql(query)
    except QueryError as error:  # the parser's token list, in words with line and column
        raise Refused(plain_sparql_error(query, str(error), PREFIXES)) from None
    if fmt == "json":
        emit_json(rows)
        return
    columns = list(rows[0]) if rows else []
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
        click.echo(buffer.getvalue(), nl=False)
        return
    click.echo("\t".join(columns))
    for row in rows:
        click.echo("\t".join("" if row[c] is None else str(row[c]) for c in columns))
    click.echo(f"({len(rows)} rows)", err=True)


@cli.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True)
@click.option("--out", type=click.Path(path_type=Path), required=True, help="File to write.")
@click.option("--view", help="lineage:NAME, priority:NAME or document:SOURCE (default: all).")
@partnership_option
@click.pass_context
def export(ctx: click.Context, fmt: str, out: Path, view: str | None,
           partnership: str | None) -> None:
    """Export the whole graph or a view for other tools (Gephi, spreadsheets, triple stores), or
    draw its picture (png, svg, html: the whole partnership's history without --view, a
    lineage's history, a priority's or document's neighbourhood); nothing is fetched."""
    from partnership_kg.ui import pictures

    workspace = open_workspace(ctx)
    if fmt in pictures.PICTURE_FORMATS:
        written = pictures.export_picture(workspace, fmt, out, view, partnership=partnership)
    else:
        written = workspace.export(fmt, out, view, partnership=partnership)
    click.echo(f"wrote {written}", err=True)


@cli.command()
@store_option
@json_option
@click.pass_context
def documents(ctx: click.Context, as_json: bool) -> None:
    """What is in the store: source, type, title, date or period, pages, chunks, triples and
    the documents inside each file (parts)."""
    workspace = open_workspace(ctx)
    summaries = workspace.document_summaries()
    if as_json:
        emit_json(summaries)
        return
    for doc in summaries:
        when = doc["period"] or doc["date"] or ""
        owner = (f" [{doc['partnership']}, {doc['partnership_from']}]"
                 if doc.get("partnership") else "")
        click.echo(f"{doc['source']}: {doc['type']} - {doc['title']} {when} "
                   f"({_count(doc['pages'], 'page')}, {_count(doc['chunks'], 'chunk')}, "
                   f"{_count(doc['triples'], 'triple')}){owner}")
        if len(doc["parts"]) > 1:
            for part in doc["parts"]:
                when = part["period"] or part["date"] or ""
                pages = f"pp. {part['page_start']}-{part['page_end']}" if part["page_start"] else ""
                other = (f" [{part['partnership']}, {part['partnership_from']}]"
                         if part.get("partnership") != doc.get("partnership") else "")
                click.echo(f"    {part['index']}. {part['type']}: {part['title']} {when} "
                           f"{pages}{other}")
    from partnership_kg.graph.queries import version_count

    click.echo(f"{_count(len(summaries), 'document')}, "
               f"{_count(version_count(workspace.graph), 'agreement version')}")


@cli.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to bind; 0.0.0.0 exposes the UI to your network.")
@click.option("--port", default=7860, show_default=True, type=int)
@click.option("--cache", "cache_size", default=1024, show_default=True,
              type=click.IntRange(0, 1_000_000),
              help="API answers kept per build of the store (0: none).")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, cache_size: int) -> None:
    """Start the web UI (Ask, Lineage, Explore, Compare, Partnerships, SPARQL, Documents,
    Export) with the HTTP API beside it: /api/ask, /api/lineage, /api/priorities, /api/search,
    /api/documents, the read-only SPARQL endpoint /sparql, and their description at /api/docs."""
    storage.require(ctx.obj["store"])
    from partnership_kg.ui.api import serve as run_server

    run_server(ctx.obj["store"], host=host, port=port, cache_size=cache_size)


from partnership_kg.ui.cli_topics import topics  # noqa: E402 - needs ``cli`` defined above

cli.add_command(topics)


def main() -> None:
    cli(prog_name="partnership-kg")


if __name__ == "__main__":
    main()
