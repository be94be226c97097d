"""Read queries, one module per family of questions; ``graph.queries`` is their front door."""
