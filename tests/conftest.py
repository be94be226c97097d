"""Shared fixtures. Each area adds its own below, names prefixed by area (pdf_, search_ ...)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

TESTS = Path(__file__).resolve().parent
CORPUS = TESTS.parent / "corpus"


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, roots: list[Path]) -> Path:
    """A store built by the real pipeline once per test run, shared read-only: with several
    pytest-xdist workers the first to need it builds it and the others wait for it."""
    from filelock import FileLock

    from partnership_kg.pipeline import build

    run = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        run = run.parent  # every worker's folder lies in the run's one folder
    folder = run / f"built-{name}"
    with FileLock(f"{folder}.lock"):
        store = folder / "store"
        if not (store / "manifest.json").is_file():
            report = build(roots, store)
            assert not report["failed"], report["failed"]
    return store


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built once from the bundled corpus by the real pipeline (shared; read-only)."""
    return built_once(tmp_path_factory, "corpus", [CORPUS])


@pytest.fixture(scope="session")
def partnerships_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus and two invented partnerships (tests/partnership_docs) in one store,
    built once by the real pipeline (shared; read-only)."""
    return built_once(tmp_path_factory, "partnerships", [CORPUS, TESTS / "partnership_docs"])


@pytest.fixture(scope="session")
def topics_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The partnerships store plus an invented partnership that drops a priority
    (tests/topic_docs), built once by the real pipeline (shared; read-only)."""
    return built_once(tmp_path_factory, "topics",
                      [CORPUS, TESTS / "partnership_docs", TESTS / "topic_docs"])


# --- ingest: real PDFs written by reportlab from sample agreement text -----------------------

PDF_HEADER = "Wessex Community Safety Agreement 2014-17"
PDF_LEADS = [
    ["Priority", "Lead"],
    ["Road Safety", "Director Operations, Wessex Fire and Rescue Service"],
    ["Domestic Abuse", "Chair of Wessex Domestic Abuse Strategy Group"],
]
PDF_FOREWORD = (
    "As Chair of the Wessex Community Safety Partnership I am pleased to present the new "
    "Wessex Community Safety Agreement (CSA) for 2014/17, which sets out how partners will "
    "work together to address the key community safety priorities for the county."
)
PDF_PRIORITIES = (
    "6.3. The priorities for Wessex are: Acquisitive Crime; Anti-Social Behaviour; "
    "and Road Safety."
)


@pytest.fixture
def pdf_agreement(tmp_path: Path) -> Path:
    """Three pages: running header, "Page N of 3" footers, numbered headings, a ruled table."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    styles = getSampleStyleSheet()
    path = tmp_path / "wessex_agreement.pdf"

    def furniture(canvas: Any, document: Any) -> None:
        canvas.setFont("Helvetica", 9)
        canvas.drawString(72, A4[1] - 40, PDF_HEADER)
        canvas.drawString(72, 30, f"Page {document.page} of 3")

    table = Table(PDF_LEADS, colWidths=[150, 300])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    story = [
        Paragraph("Foreword", styles["Heading1"]),
        Paragraph(PDF_FOREWORD, styles["BodyText"]),
        Paragraph("1. Introduction", styles["Heading1"]),
        Paragraph("1.1. The agreement replaces the previous agreement.", styles["BodyText"]),
        PageBreak(),
        Paragraph("6. County Priorities 2014-17", styles["Heading1"]),
        Paragraph(PDF_PRIORITIES, styles["BodyText"]),
        PageBreak(),
        Paragraph("7. Leads", styles["Heading1"]),
        Paragraph("Lead officers for each of the priorities are identified below.",
                  styles["BodyText"]),
        table,
    ]
    SimpleDocTemplate(str(path), pagesize=A4).build(
        story, onFirstPage=furniture, onLaterPages=furniture
    )
    return path


@pytest.fixture
def pdf_encrypted(tmp_path: Path) -> Path:
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "locked.pdf"
    canvas = Canvas(str(path), encrypt="secret")
    canvas.drawString(72, 720, "Confidential agreement text.")
    canvas.save()
    return path


@pytest.fixture
def pdf_scanned(tmp_path: Path) -> Path:
    """A page holding only a picture of text, as a scanner makes it: no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    image = Image.new("RGB", (400, 100), "white")
    ImageDraw.Draw(image).text((10, 40), "Scanned agreement page", fill="black")
    path = tmp_path / "scanned.pdf"
    canvas = Canvas(str(path))
    canvas.drawImage(ImageReader(image), 72, 600, width=400, height=100)
    canvas.save()
    return path


# --- search: the corpus through ingest, indexed once per session -----------------------------


@pytest.fixture(scope="session")
def search_documents() -> list[Any]:
    """The bundled corpus as ingested Documents (shared; do not mutate)."""
    from partnership_kg.ingest import extract

    paths = sorted(p for p in CORPUS.iterdir() if p.suffix.lower() in (".txt", ".pdf"))
    return [extract(path) for path in paths]


@pytest.fixture(scope="session")
def search_index_dir(search_documents: list[Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A search index folder built once from the corpus (read-only for tests)."""
    from partnership_kg.search.index import build_index

    out = tmp_path_factory.mktemp("search") / "index"
    build_index(search_documents, out, progress=False)
    return out


@pytest.fixture(scope="session")
def search_index(search_index_dir: Path) -> Any:
    from partnership_kg.search.index import SearchIndex

    return SearchIndex(search_index_dir)


# --- pdf: the bundled corpus rendered as a council publishes it, one store per style ----------


@pytest.fixture(scope="session", params=["ruled", "columns"])
def pdf_corpus_store(request: pytest.FixtureRequest,
                     tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built once per rendering style from the corpus as PDFs (tests/pdf_render.py)."""
    from pdf_render import render_corpus

    from partnership_kg.pipeline import build

    folder = tmp_path_factory.mktemp(f"pdf_{request.param}")
    render_corpus(CORPUS, folder / "pdfs", request.param)
    store = folder / "store"
    report = build([folder / "pdfs"], store)
    assert not report["failed"], report["failed"]
    return store


# --- SPARQL servers: real ones, each on a free loopback port --------------------------------

def _server_fixture(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                    name: str) -> Any:
    import os

    import sparql_servers

    start = getattr(sparql_servers, f"{name}_server")
    context = start(tmp_path_factory.mktemp(name))
    try:
        server = context.__enter__()
    except sparql_servers.ServerUnavailable as error:
        if os.environ.get("CI"):  # CI has the server installed: not starting is a failure
            pytest.fail(f"{error}: CI must run the {name} tests")
        pytest.skip(str(error))
    request.addfinalizer(lambda: context.__exit__(None, None, None))
    return server


@pytest.fixture(scope="session")
def oxigraph_server(request: pytest.FixtureRequest,
                    tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Oxigraph server (``tests.sparql_servers.Server``), one per session."""
    return _server_fixture(request, tmp_path_factory, "oxigraph")


@pytest.fixture(scope="session")
def virtuoso_server(request: pytest.FixtureRequest,
                    tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Virtuoso (``tests.sparql_servers.Server``), one per session."""
    return _server_fixture(request, tmp_path_factory, "virtuoso")


# --- browser: one Chromium for every browser test module ---------------------------------------


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's Chromium through Playwright, once per session: Playwright's sync API cannot be
    started a second time while the first is running, so every browser module shares this."""
    from browser_support import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, require_chromium
    from playwright.sync_api import sync_playwright

    require_chromium()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()
