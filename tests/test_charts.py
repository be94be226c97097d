"""Figure builders, with small literal inputs: exact nodes and flows."""

from __future__ import annotations

import networkx as nx

from partnership_kg.ui import charts
from partnership_kg.ui.network_chart import network_figure
from partnership_kg.ui.swimlane import swimlane_figure, text_sides, wrapped, year_step

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


def _lineage_sankey(lineage: dict) -> object:
    return charts.sankey_figure(charts.lineage_flows(lineage))


def test_first_year_reads_periods_and_numbers() -> None:
    assert charts.first_year("2011-14") == 2011
    assert charts.first_year("April 2024") == 2024
    assert charts.first_year(2019) == 2019
    assert charts.first_year(None) is None


def test_lineage_sankey_has_a_node_per_label_per_version_and_a_flow_per_change() -> None:
    sankey = _lineage_sankey(LINEAGE).data[0]
    # every node is named by its label and its version's period as written: no bare years
    assert list(sankey.node.label) == [
        "Anti-Social Behaviour (2011-14)", "Anti-Social Behaviour (2014-17)",
        "Neighbourhood Crime (April 2024)", "Neighbourhood Crime (2022)",
    ]
    flows = set(zip(sankey.link.source, sankey.link.target, strict=True))
    # expanded: ASB 2014 -> NC 2022; continued: ASB 2011 -> 2014 and NC 2022 -> 2024
    assert flows == {(1, 3), (0, 1), (3, 2)}
    assert len(sankey.link.value) == 3


def test_split_fans_out_and_retirement_flows_into_retired() -> None:
    lineage = {"concept": "X", "timeline": [{"period": "2014-17", "label": "X"}], "events": [
        {"year": 2017, "type": "split", "from": ["X"], "to": ["Y", "Z"], "evidence": {}},
        {"year": 2020, "type": "retired", "from": ["Y"], "to": [], "evidence": {}},
    ]}
    sankey = _lineage_sankey(lineage).data[0]
    assert len(sankey.node.label) == 4  # X 2014, Y 2017, Z 2017, Retired 2020
    assert len(sankey.link.source) == 3
    assert "Retired (2020)" in sankey.node.customdata


def test_lineage_without_changes_says_so() -> None:
    figure = _lineage_sankey({"concept": "X", "timeline": [
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
    sankey = charts.sankey_figure(charts.partnership_flows(concepts, changes)).data[0]
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
    figure = network_figure(graph, "p")
    edges, nodes, *legend = figure.data
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
    sankey = _lineage_sankey(lineage).data[0]
    # the carried-forward 2019 entry is not restated: no column of its own
    assert list(sankey.node.customdata) == ["Anti-Social Behaviour (2014-17)",
                                            "Anti-social  Behaviour (April 2017)"]
    assert list(zip(sankey.link.source, sankey.link.target, strict=True)) == [(0, 1)]
    dots = charts.timeline_figure(lineage).data[0]
    assert list(dots.marker.symbol) == ["circle", "circle", "circle-open"]
    assert set(dots.y) == {"Anti-Social Behaviour"}


def test_rule_network_legend_names_each_kind_in_its_colour() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("p", label="Wessex Road Safety", type="Priority")
    graph.add_node("l", label="Chief Fire Officer", type="Post")
    graph.add_edge("l", "p")
    legend = [trace for trace in network_figure(graph, "p").data if trace.showlegend]
    assert [(t.name, t.marker.color) for t in legend] == [
        ("post", charts.TYPE_COLOURS["post"]), ("priority", charts.TYPE_COLOURS["priority"])]


def _flows(labels_by_year: dict[int, list[str]]) -> charts.Flows:
    """Each label carried on from one version to the next."""
    timeline = [{"period": str(year), "label": label}
                for year, labels in labels_by_year.items() for label in labels]
    return charts.lineage_flows({"concept": "Riverford", "timeline": timeline, "events": []})


def test_rule_a_sankey_is_drawn_only_where_its_labels_fit_their_columns() -> None:
    short = _flows({2014: ["Road Safety"], 2017: ["Road Safety"]})
    assert charts.sankey_fits(short)
    assert charts.best_figure(short).data[0].type == "sankey"
    # 4 columns of 660 px: 165 px each, about 18 characters; this label needs 44
    long = _flows({year: ["Preventing Neighbourhood Crime and Disorder"]
                   for year in (2011, 2014, 2017, 2020)})
    assert not charts.sankey_fits(long)
    assert charts.best_figure(long).layout.yaxis.ticktext == (
        "Preventing Neighbourhood<br>Crime and Disorder",)
    # 3 columns: 220 px each; "Community Cohesion and Trust (2014)" needs 293 px, which
    # would fit a 900 px chart but not the 800 px window's
    three = _flows({year: ["Community Cohesion and Trust"] for year in (2014, 2017, 2020)})
    assert not charts.sankey_fits(three)


def test_rule_swimlane_has_a_lane_per_label_and_a_legend_entry_per_change_type() -> None:
    figure = swimlane_figure(charts.lineage_flows(LINEAGE))
    assert figure.layout.yaxis.ticktext == ("Anti-Social Behaviour", "Neighbourhood Crime")
    assert [t.name for t in figure.data if t.showlegend is not False] == [
        "expanded", "in a version"]
    dots = figure.data[-1]
    assert list(dots.customdata) == [
        "Anti-Social Behaviour (2011-14)", "Anti-Social Behaviour (2014-17)",
        "Neighbourhood Crime (April 2024)", "Neighbourhood Crime (2022)"]
    assert list(dots.text) == ["2011-14", "2014-17", "April 2024", "2022"]
    assert list(dots.y) == [0, 0, 1, 1]
    assert list(dots.textposition) == ["bottom center", "top center", "top center",
                                       "bottom center"]
    assert (figure.layout.xaxis.dtick, figure.layout.xaxis.tick0) == (2, 2011)


def test_rule_long_lane_names_wrap_at_word_ends_and_a_long_word_stays_whole() -> None:
    assert wrapped("Road Safety") == "Road Safety"
    assert wrapped("Response and Recovery from Significant Community Events") == (
        "Response and Recovery from<br>Significant Community<br>Events")
    assert wrapped("Priority Neighbourhoods/Geographic Focus") == (
        "Priority<br>Neighbourhoods/Geographic<br>Focus")


def test_rule_year_ticks_thin_out_to_at_most_eight() -> None:
    assert [year_step(years) for years in ([2014], [2014, 2017], [2011, 2019], [2011, 2024],
                                           [2000, 2024])] == [1, 1, 1, 2, 3]


def test_rule_versions_along_a_lane_take_turns_below_and_above_their_dots() -> None:
    # Two lanes; lane 0's dots given out of order: turns follow the years, not the input.
    assert text_sides([2017, 2011, 2014, 2011], [0, 0, 0, 1]) == [
        "bottom center", "bottom center", "top center", "bottom center"]


def test_rule_timeline_change_names_sit_above_their_markers() -> None:
    assert charts.timeline_figure(LINEAGE).data[1].textposition == "top center"
