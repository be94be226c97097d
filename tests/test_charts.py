"""Figure builders, with small literal inputs: exact nodes and flows."""

from __future__ import annotations

import networkx as nx

from partnership_kg.ui import charts

LINEAGE = {
    "query": "ASB",
    "concept": "Anti-Social Behaviour",
    "timeline": [
        {"period": "2011-14", "label": "Anti-Social Behaviour", "source": "a.txt", "page": 3},
        {"period": "2014-17", "label": "Anti-Social Behaviour", "source": "b.txt", "page": 5},
        {"period": "April 2024", "label": "Neighbourhood Crime", "source": "c.txt", "page": 9},
    ],
    "events": [
        {"year": 2022, "type": "expanded", "from": ["Anti-Social Behaviour"],
         "to": ["Neighbourhood Crime"],
         "evidence": {"source": "c.txt", "page": 9, "quote": "was expanded to become"}},
    ],
}


def test_first_year_reads_periods_and_numbers() -> None:
    assert charts.first_year("2011-14") == 2011
    assert charts.first_year("April 2024") == 2024
    assert charts.first_year(2019) == 2019
    assert charts.first_year(None) is None


def test_lineage_sankey_has_a_node_per_label_per_version_and_a_flow_per_change() -> None:
    sankey = charts.lineage_sankey(LINEAGE).data[0]
    assert list(sankey.node.customdata) == [
        "Anti-Social Behaviour (2011)", "Anti-Social Behaviour (2014)",
        "Neighbourhood Crime (2024)", "Neighbourhood Crime (2022)",
    ]
    # a label carried on is written once; its later columns show the year alone
    assert list(sankey.node.label) == ["Anti-Social Behaviour (2011)", "2014", "2024",
                                       "Neighbourhood Crime (2022)"]
    flows = set(zip(sankey.link.source, sankey.link.target, strict=True))
    # expanded: ASB 2014 -> NC 2022; continued: ASB 2011 -> 2014 and NC 2022 -> 2024
    assert flows == {(1, 3), (0, 1), (3, 2)}
    assert len(sankey.link.value) == 3


def test_split_fans_out_and_retirement_flows_into_retired() -> None:
    lineage = {"concept": "X", "timeline": [{"period": "2014-17", "label": "X"}], "events": [
        {"year": 2017, "type": "split", "from": ["X"], "to": ["Y", "Z"], "evidence": {}},
        {"year": 2020, "type": "retired", "from": ["Y"], "to": [], "evidence": {}},
    ]}
    sankey = charts.lineage_sankey(lineage).data[0]
    assert len(sankey.node.label) == 4  # X 2014, Y 2017, Z 2017, Retired 2020
    assert len(sankey.link.source) == 3
    assert "Retired (2020)" in sankey.node.customdata


def test_lineage_without_changes_says_so() -> None:
    figure = charts.lineage_sankey({"concept": "X", "timeline": [
        {"period": "2014", "label": "X"}], "events": []})
    assert not figure.data
    assert "no changes" in figure.layout.annotations[0].text


def test_partnership_sankey_drops_changes_to_unknown_concepts_and_duplicates() -> None:
    concepts = [
        {"id": "c1", "label": "A", "year": 2014}, {"id": "c2", "label": "A", "year": 2017},
        {"id": "c3", "label": "B", "year": 2017},
    ]
    changes = [
        {"source": "c1", "target": "c2", "type": "continued"},
        {"source": "c1", "target": "c3", "type": "split"},
        {"source": "c1", "target": "c3", "type": "split"},
        {"source": "c1", "target": "nowhere", "type": "renamed"},
    ]
    sankey = charts.partnership_sankey(concepts, changes).data[0]
    assert len(sankey.node.label) == 3
    assert len(sankey.link.source) == 2


def test_timeline_has_a_dot_per_version_and_a_diamond_per_change() -> None:
    figure = charts.timeline_figure(LINEAGE)
    assert len(figure.data[0].x) == 3
    assert list(figure.data[1].x) == [2022]
    assert list(figure.data[1].text) == ["expanded"]


def test_network_figure_draws_every_node_and_edge_with_ids() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("p", label="Road Safety", type="priority")
    graph.add_node("l", label="Director", type="lead")
    graph.add_node("d", label="Agreement", type="document")
    graph.add_edge("p", "l")
    graph.add_edge("d", "p")
    graph.add_edge("d", "p")  # a parallel edge is drawn once
    figure = charts.network_figure(graph, "p")
    edges, nodes = figure.data
    assert len(nodes.x) == 3
    assert set(nodes.customdata) == {"p", "l", "d"}
    assert len(edges.x) == 2 * 3  # two edges, three points each (the third a break)
    assert max(nodes.marker.size) == 26


def test_labels_differing_only_in_case_are_one_line_and_year_wins_over_period() -> None:
    lineage = {"concept": "X", "events": [], "timeline": [
        {"period": "2014-17", "label": "Anti-Social Behaviour"},
        {"period": "April 2017", "year": 2018, "label": "Anti-social  Behaviour"},
        {"period": "April 2019", "year": 2019, "label": "Anti-social Behaviour", "carried": True},
    ]}
    sankey = charts.lineage_sankey(lineage).data[0]
    # the carried-forward 2019 entry is not restated: no column of its own
    assert list(sankey.node.customdata) == ["Anti-Social Behaviour (2014)",
                                            "Anti-social  Behaviour (2018)"]
    assert list(zip(sankey.link.source, sankey.link.target, strict=True)) == [(0, 1)]
    dots = charts.timeline_figure(lineage).data[0]
    assert list(dots.marker.symbol) == ["circle", "circle", "circle-open"]
    assert set(dots.y) == {"Anti-Social Behaviour"}
