"""The Ask tab: a question, its answer with sources (title first, then file and page), and
"View source", which opens the cited page of the document with the quote highlighted."""

from __future__ import annotations

from typing import Any

import gradio as gr

from partnership_kg.ui import web_data
from partnership_kg.ui.web_common import plain_error
from partnership_kg.ui.web_session import Session


def ask_tab(session: Session) -> None:
    with gr.Tab("Ask", id="ask"):
        gr.Markdown("Ask a question about the partnership's documents. Answers quote their "
                    "sources, with the document's title, file name and page.",
                    elem_classes="pkg-note")
        with gr.Row():
            question = gr.Textbox(label="Question", placeholder="Type a question and press Enter",
                                  scale=5, elem_id="ask-question", autofocus=True)
            ask_button = gr.Button("Ask", variant="primary", scale=1, elem_id="ask-button")
        # Rendered below the examples, so a first-time user sees the suggestions first.
        answer = gr.Markdown(elem_id="ask-answer", render=False)
        citations = gr.State([])
        viewer = gr.Dropdown(choices=[], value=None, label="View source: open a cited page",
                             elem_id="ask-view-source", interactive=True, render=False)
        page = gr.HTML(elem_id="ask-source-page", render=False)

        def run(text: str) -> tuple[Any, ...]:
            if not text or not text.strip():
                return "Type a question first.", [], gr.update(choices=[], value=None), ""
            try:
                result = session.workspace.ask(text.strip())
            except Exception as error:  # noqa: BLE001 - shown in plain words
                return plain_error(error), [], gr.update(choices=[], value=None), ""
            found = list(result.get("citations") or [])
            choices = [(web_data.citation_name(i, c), i - 1) for i, c in enumerate(found, 1)]
            return (web_data.answer_markdown(result), found,
                    gr.update(choices=choices, value=None), "")

        def open_source(index: int | None, found: list[dict[str, Any]]) -> str:
            if index is None or not 0 <= int(index) < len(found):
                return ""
            citation = found[int(index)]
            return web_data.source_page_html(session.documents_by_source(), citation)

        outputs = [answer, citations, viewer, page]
        question.submit(run, question, outputs)
        ask_button.click(run, question, outputs)
        # Scrolled so the highlighted quote is in view, as a reader would look for it.
        viewer.input(open_source, [viewer, citations], page).then(
            None, js="() => document.getElementById('pkg-quote')?.scrollIntoView("
                     "{block: 'center'})")
        examples = gr.Examples(examples=[[q] for q in session.example_questions()],
                               inputs=question, outputs=outputs, fn=run, run_on_click=True,
                               cache_examples=False,
                               label="Try one of these (built from this store's priorities)")
        # The suggestions follow the store: recomputed when a page loads and after an upload.
        session.refreshers.append((examples.dataset, lambda: gr.update(
            samples=[[q] for q in session.example_questions()])))
        answer.render()
        viewer.render()
        page.render()
