"""The Documents tab: what is in the store (title first), and uploads built into it. The table
is drawn when a page loads, so a reload or a second tab shows the store as it is now."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gradio as gr

from partnership_kg.ui.web_common import counted, escape
from partnership_kg.ui.web_session import UPLOAD_TYPES, Session

UPLOAD_LIMIT_MB = 50


def documents_tab(session: Session) -> Any:
    """Lays out the tab; returns the upload's event, so the page redraws everything after it."""
    with gr.Tab("Documents", id="documents"):
        documents = gr.Dataframe(label="What is in the store", interactive=False, wrap=True,
                                 elem_id="documents-table", elem_classes="pkg-table")
        session.refreshers.append((documents, session.documents_table))
        gr.Markdown(f"**Add documents.** PDF, Word (.docx), web page (.html) or text files, "
                    f"up to {UPLOAD_LIMIT_MB} MB each. "
                    "They are read, added to the graph and the search index, and the store is "
                    "swapped in only when the build succeeds. A file with the same content as "
                    "one already stored is skipped; a new version of a stored file replaces it.")
        files = gr.File(file_count="multiple", file_types=UPLOAD_TYPES, type="filepath",
                        label="PDF, Word, web page or text files", elem_id="documents-upload")
        add = gr.Button("Add to the store", variant="primary", elem_id="documents-add")
        report = gr.Markdown(elem_id="documents-report")

        # Gradio injects its progress tracker through this default argument.
        def ingest(paths: list[str] | None,
                   progress: gr.Progress = gr.Progress()) -> tuple[Any, Any]:  # noqa: B008
            if not paths:
                return "Choose one or more files first.", gr.skip()
            result = session.add_files([Path(p) for p in paths], UPLOAD_LIMIT_MB,
                                       lambda done, total, text: progress((done, total),
                                                                          desc=text))
            # The list is cleared: a file that was refused is not sent again with the next one.
            return build_report(result), None

        return add.click(ingest, files, [report, files])


def build_report(result: dict[str, Any]) -> str:
    lines = []
    for entry in result.get("ingested", []):
        lines.append(f"- **{escape(entry['source'])}** added: {entry.get('type')}, "
                     f"{counted(int(entry.get('pages') or 0), 'page')}, "
                     f"{counted(int(entry.get('chunks') or 0), 'passage')}")
    for entry in result.get("unchanged", []):
        lines.append(f"- **{escape(entry['source'])}** is already in the store (same content)")
    for entry in result.get("failed", []):
        lines.append(f"- **{escape(entry['source'])}** was **not added**: "
                     f"{escape(entry.get('error'))}")
    return "\n".join(lines) or "Nothing to do."
