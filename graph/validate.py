"""SHACL validation of a built graph against the shapes shipped in the package."""

from __future__ import annotations

from importlib import resources

from pyshacl import validate as shacl_validate
from rdflib import Dataset, Graph


def shapes() -> Graph:
    text = resources.files("partnership_kg.graph").joinpath("shapes.ttl").read_text("utf-8")
    return Graph().parse(data=text, format="turtle")


def validate(dataset: Dataset | Graph) -> tuple[bool, str]:
    """(conforms, report text). Validated over the union of the named graphs, because a claim
    and its evidence may sit in different parts' graphs."""
    union = Graph()
    quads = dataset.quads((None, None, None, None)) if isinstance(dataset, Dataset) else (
        (s, p, o, None) for s, p, o in dataset)
    for s, p, o, _ in quads:
        union.add((s, p, o))
    conforms, _, report = shacl_validate(union, shacl_graph=shapes(), inference="none",
                                         advanced=False, allow_warnings=True)
    return bool(conforms), str(report)
