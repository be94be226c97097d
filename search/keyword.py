"""The keyword index: BM25 (bm25s) over the passages, saved with its chunk ids."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import numpy as np

IDS_FILE = "ids.json"
SETTINGS_FILE = "tokenizer.json"
# Words of two or more letters or digits; "45k", "2014" and "MoRiLE" stay whole.
_TOKEN = re.compile(r"(?u)\b\w\w+\b")


@cache
def _stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN

    return frozenset(STOPWORDS_EN)


_VOWEL = re.compile(r"[aeiouy]")


def _light_stem(token: str) -> str:
    """Fold plurals and -ed/-ing forms onto one stem ("priorities"/"priority",
    "chaired"/"chair", "introduced"/"introduce"), as questions and passages mix them freely.
    Deliberately lighter than a Porter stemmer, which conflates too much for names and acronyms;
    the same folding runs on passages and queries, so stems need only agree, not be words."""
    if not token.isalpha() or len(token) <= 3:
        return token
    if token.endswith("ies") and len(token) > 4:
        token = token[:-3] + "y"
    elif token.endswith("sses"):
        token = token[:-2]
    elif token.endswith("s") and not token.endswith(("ss", "us", "is")):
        token = token[:-1]
    if token.endswith("eed") and len(token) > 5:
        token = token[:-1]  # "agreed" -> "agree"
    for suffix in ("ied", "ed", "ing"):
        stem = token[: -len(suffix)]
        if token.endswith(suffix) and not token.endswith("eed") and len(stem) >= 3 \
                and _VOWEL.search(stem):
            token = stem + "y" if suffix == "ied" else stem
            if len(token) > 3 and token[-1] == token[-2] and token[-1] not in "lsz":
                token = token[:-1]  # "planned" -> "plan"
            break
    if len(token) > 4 and token.endswith("e"):
        token = token[:-1]
    return token


def tokenize(text: str, stem: bool = True) -> list[str]:
    stop = _stopwords()
    tokens = [token for token in _TOKEN.findall(text.lower()) if token not in stop]
    return [_light_stem(token) for token in tokens] if stem else tokens


class KeywordIndex:
    def __init__(self, retriever: object | None, ids: list[str], stem: bool = True) -> None:
        self.retriever = retriever  # a bm25s.BM25, or None for an empty index
        self.ids = ids
        self.stem = stem

    @classmethod
    def build(cls, texts: list[str], ids: list[str], stem: bool = True) -> KeywordIndex:
        if not ids:
            return cls(None, [], stem)
        import bm25s

        retriever = bm25s.BM25()
        # A passage with no indexable word still needs a row, so give it a token of its own.
        corpus = [tokenize(text, stem) or ["\x00empty"] for text in texts]
        retriever.index(corpus, show_progress=False)
        return cls(retriever, list(ids), stem)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / IDS_FILE).write_text(json.dumps(self.ids), encoding="utf-8")
        (folder / SETTINGS_FILE).write_text(json.dumps({"stem": self.stem}), encoding="utf-8")
        if self.retriever is not None:
            self.retriever.save(str(folder))

    @classmethod
    def load(cls, folder: Path) -> KeywordIndex:
        ids = json.loads((folder / IDS_FILE).read_text(encoding="utf-8"))
        stem = json.loads((folder / SETTINGS_FILE).read_text(encoding="utf-8"))["stem"]
        if not ids:
            return cls(None, [], stem)
        import bm25s

        return cls(bm25s.BM25.load(str(folder)), ids, stem)

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        """(chunk id, BM25 score) best first; passages sharing no word with the query are left
        out."""
        tokens = tokenize(query, self.stem)
        if self.retriever is None or not tokens or k <= 0:
            return []
        scores = np.asarray(self.retriever.get_scores(tokens), dtype=np.float32)
        top = np.argsort(-scores, kind="stable")[:k]
        return [(self.ids[row], float(scores[row])) for row in top if scores[row] > 0]
