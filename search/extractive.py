"""Extractive answers now live in ``partnership_kg.answer.extractive``; this keeps the public
names importable from where they were."""

from partnership_kg.answer.extractive import answer_from_passages, find_expansion

__all__ = ["answer_from_passages", "find_expansion"]
