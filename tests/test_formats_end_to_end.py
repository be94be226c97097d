"""A folder holding a web page and a Word document, built and asked for its priorities."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from partnership_kg.ui.cli import cli

PAGE = """<html><head><title>Northshire Community Safety Agreement 2014-17 | Northshire</title>
</head><body><a href="#main" class="skip-link">Skip to content</a>
<nav><a href="/">Home</a> <a href="/council">Council</a></nav><main id="main">
<h1>Northshire Community Safety Agreement 2014-17</h1>
<h2>6. County Priorities 2014-17</h2>
<p>6.3. The priorities for Northshire are: Acquisitive Crime; Anti-Social Behaviour; and
Road Safety.</p></main><footer>Northshire Council</footer></body></html>"""


@pytest.mark.slow
def test_build_html_and_docx_then_priorities(tmp_path: Path) -> None:
    import docx

    folder = tmp_path / "northshire"
    folder.mkdir()
    (folder / "agreement_2014.html").write_text(PAGE, encoding="utf-8")
    document = docx.Document()
    document.add_paragraph("Source: https://northshire.example/agreement-2017")
    document.add_heading("Northshire Community Safety Agreement 2017-20", 0)
    document.add_heading("6. County Priorities 2017-20", 1)
    document.add_paragraph("6.3. The priorities for Northshire are: Acquisitive Crime; "
                           "Domestic Abuse; and Road Safety.")
    document.save(str(folder / "agreement_2017.docx"))
    store = tmp_path / "store"
    runner = CliRunner()
    built = runner.invoke(cli, ["--store", str(store), "build", str(folder), "--json"])
    assert built.exit_code == 0, built.output
    assert json.loads(built.output)["failed"] == []
    found = {}
    for year in ("2015", "2018"):
        result = runner.invoke(cli, ["--store", str(store), "priorities", "--year", year,
                                     "--json"])
        assert result.exit_code == 0, result.output
        answer = json.loads(result.output)
        found[year] = (answer["agreement"]["title"],
                       [priority["label"] for priority in answer["priorities"]])
    assert found == {
        "2015": ("Northshire Community Safety Agreement 2014-17",
                 ["Acquisitive Crime", "Anti-Social Behaviour", "Road Safety"]),
        "2018": ("Northshire Community Safety Agreement 2017-20",
                 ["Acquisitive Crime", "Domestic Abuse", "Road Safety"]),
    }
