"""Priorities in the shapes real documents print them, read from invented documents through
ingestion and the graph build: exact labels per version, periods as written and as years."""

# ruff: noqa: E501  (the documents keep their paragraphs on one line, as pages print them)

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset
from shapes_support import build, kinds, priorities, quotes, years

NUMBERED = """# Northshire Community Safety Plan 2013-2016

## Our priorities

The Northshire Community Safety Partnership has agreed these key priorities:

1. Reducing Anti-Social Behaviour
2. Tackling Domestic Abuse
3. Reducing Reoffending

## How we work

The partnership board meets four times a year to review progress.
"""

LETTERED = """# Riverford Partnership Plan 2018/19

The priorities for 2018/19 are:

a) Alcohol and Drug Misuse
b) Road Safety
c) Rural Crime

The board will review the plan in March.
"""

ROMAN_FLATTENED = """# Safer Riverford Plan 2020-23

The delivery priorities are:

i. Hate Crime ii. Fraud and Scams iii. Rural Crime

Each priority has a delivery group.
"""

INLINE = """# Safer Riverford Plan 2020-23

Our delivery priorities are (1) safer streets (2) protecting vulnerable people (3) reducing harm. Each has a lead agency.
"""

SEMICOLONS = """# Safer Northshire Strategy 2016/2020

The priorities are:

• Violent crime;
• Burglary; and
• Criminal exploitation.

The strategy runs for four years.
"""

PRIORITY_ONE = """# Riverford Annual Partnership Plan April 18 – March 19

The partnership has identified the priorities that will provide a focus for the next twelve months:

Priority One – Tackling County Lines, focussing on keeping drugs out of the community.

The partnership will develop the intelligence picture of this criminality across the district.

Priority Two – Driving down Anti-Social Behaviour in public places.

The partnership will use all available powers to tackle nuisance in the town centre.
"""

KEY_PRIORITY_LEADS = """# Northshire Annual Partnership Plan 2019/20

KEY PRIORITY 1: TO PROTECT VULNERABLE PEOPLE (KP LEAD: Head of Housing, Northshire Council) This priority will include raising awareness of hidden harms.

KEY PRIORITY 2: TO REDUCE REOFFENDING (KP LEAD: Head of Probation, Northshire Probation Service) This priority will include work with prison leavers.
"""

HEADINGS = """Northshire Community Safety Partnership

We have identified the following community safety priorities across Northshire for 2021-2024.

## Anti-social behaviour

We know that if it happens to you it can have a big impact on your quality of life.

## Road safety

We are committed to making Northshire a safer place in which to walk, ride and drive.

## Hate crime

We will not tolerate any incidents motivated by prejudice or hate.
"""

PROSE_INCLUDING = """MINUTES of a meeting of the Northshire Community Safety Partnership held on 3 March 2012

1. Review of the plan

The six priorities for 2009-2012 were: Violent Crime, Domestic Abuse, including stalking, Road Safety, Burglary and Criminal Damage. The board thanked the officers.
"""

CONTENTS = """# Safer Riverford Strategy 2021-2024

Contents

Foreword ........ 2

Our priorities:

Safer Streets ........ 5

Protecting Young People ........ 8

Tackling Exploitation ........ 11

Appendix: Members of the Partnership ........ 14
"""

TABLE = """# Riverford Community Safety Plan 22-27

The plan sets out what we will do.

Priority\tWhat we will do
Safer Streets\tMore patrols at night
Protecting Young People\tSchool visits and mentoring
"""

DOUBLED = """# Northshire Community Safety Plan 2017-2020

Our priorities:

• Safer Roads Safer Roads
• Protecting Children Protecting Children

The plan is reviewed every year.
"""

RANKED = """# Northshire Strategic Assessment 2019/20

The key risks and threats are:

1st Violent crime
2nd Burglary
3rd Drug supply

The assessment used police and council data.
"""

NO_LABELS = """# Northshire Community Safety Plan 2015-18

The plan has five strategic priorities. Strategic Priority 1–5 are set out in the delivery plan.
"""

PRESS_RELEASE = """Press release: Northshire Council

The Northshire Community Safety Plan 2013-2016 was adopted in 2013. It identified five priorities: reducing violent crime, tackling domestic abuse, cutting reoffending, protecting young people and improving road safety.
"""

TWO_LISTS = """Decision details

Refresh of the Riverford Safe Town Strategy

Purpose:

The Riverford Safe Town Partnership has a strategy to reduce crime, as the law requires, for 22-27.

The overarching priorities remain:
1. Keeping People Safe from Harm
2. Preventing Reoffending
3. Creating Strong Communities

The key crime issues to respond to for 24-28, identified by the annual assessment, are:
• Tackling Violent Crime
• Tackling Theft

Decision:

To recommend the refreshed strategy to Council.
"""

PIPES = """# Safer Riverford Strategy 2021-2024

Contents | | page | |

Our priorities: | | | Safer Streets | 5 | |
· Night-time economy· Licensing | | | Protecting Young People | 9 | | Tackling Exploitation | 12 | |

Appendix: Members of the Partnership | 20 | | For feedback, write to:
"""

PAGED = """# Northshire Community Safety Strategy 2022-2025

Contents

Delivering and reviewing priorities

3

Our priorities:

Safer Streets

5

Night-time economy

Protecting Young People

9

Appendix: Members

20
"""

COMMENTED = """MINUTES of a meeting of the Northshire Area Committee held on 4 March 2014

1. Community Safety Plan 2014-15

The committee discussed the following comments and draft priorities for 2014-15:

i. Domestic violence.

Members asked for more refuge places in the north of the district.

ii. Victimisation in schools.

Members asked for the schools to be consulted.
"""

LONG_BULLETS = """# Safer Riverford Plan 2018-21

Our strategic priorities:

• Violence against the person (predominantly wounding and assault in the town centre at night)
• Road safety: the last two years saw more people hurt on rural roads than before
• Anti-social behaviour (ASB)

The plan is reviewed each year.
"""

EXAMPLES = """# Riverford Partnership Plan 2019/20

The priorities for 2019/20 are: Safer Streets, Protecting Young People and Tackling Exploitation.

The following are just a few examples of the work being done to tackle the priorities:

• A new case management system has been developed
• Over 2,000 students have been reached by the schools programme
"""

SINGLE = """# Riverford Community Safety Plan 2023 to 2025

From 2023 to 2025 the partnership has set our priority of:

Reducing violence in the town centre

We will achieve this by:

- more patrols at night
- more CCTV cameras
"""

COUNTED = """# Northshire Community Safety Plan 2025 to 2027

The three priorities are:

• Preventing violence and exploitation
• A neighbourhood approach
• Tackling acquisitive crime
• Partners report progress each quarter
"""

SUBJECT = """News release

Published 3 May 2018

Protecting vulnerable people, stopping gang activity, reducing violent crime and tackling repeat anti-social behaviour including hate crimes are the key priorities to make Riverford safer for 2018-19. The partnership will report in the autumn.
"""

FLAT_SINGLE = """Riverford Community Safety Partnership
Priority for 2023 to 2025
To address this the partnership has set our priority of: Reducing violence in the town centre We’ll achieve this by: more patrols at night.
"""

FLAT_MARKED = """# Safer Riverford Key Priorities 2018 – 2019

The analysis identified the priorities that will provide a focus for the year.

Priority One – Protect vulnerable people by increasing the reporting of hidden harms The Partnership will aim to increase understanding among practitioners.
"""

TWO_YEARS = """News release

Published 1 September 2017

The committee heard about the five key priority areas identified in the 2016-17 Annual Partnership Plan: to protect vulnerable people; to reduce reoffending; to reduce crime and the fear of crime, and to address night time economy crime.

These five key priority areas are set to reduce to three main priorities in the 2017-18 Annual Partnership Plan. These will focus on reducing violent crime, improving community resilience, and tackling repeat anti-social behaviour.
"""

CASES = [
    ("numbered.txt", NUMBERED, "plan", {"2013-2016": [
        "Reducing Anti-Social Behaviour", "Reducing Reoffending", "Tackling Domestic Abuse"]}),
    ("lettered.txt", LETTERED, "plan", {"2018/19": [
        "Alcohol and Drug Misuse", "Road Safety", "Rural Crime"]}),
    ("roman.txt", ROMAN_FLATTENED, "plan", {"2020-23": [
        "Fraud and Scams", "Hate Crime", "Rural Crime"]}),
    ("inline.txt", INLINE, "plan", {"2020-23": [
        "protecting vulnerable people", "reducing harm", "safer streets"]}),
    ("semicolons.txt", SEMICOLONS, "strategy", {"2016/2020": [
        "Burglary", "Criminal exploitation", "Violent crime"]}),
    ("priority_one.txt", PRIORITY_ONE, "plan", {"April 18 – March 19": [
        "Driving down Anti-Social Behaviour in public places",
        "Tackling County Lines, focussing on keeping drugs out of the community"]}),
    ("key_priority.txt", KEY_PRIORITY_LEADS, "plan", {"2019/20": [
        "TO PROTECT VULNERABLE PEOPLE", "TO REDUCE REOFFENDING"]}),
    ("headings.txt", HEADINGS, "other", {"2021-2024": [
        "Anti-social behaviour", "Hate crime", "Road safety"]}),
    ("prose.txt", PROSE_INCLUDING, "minutes", {"2009-2012": [
        "Burglary", "Criminal Damage", "Domestic Abuse", "Road Safety", "Violent Crime"]}),
    ("contents.txt", CONTENTS, "strategy", {"2021-2024": [
        "Protecting Young People", "Safer Streets", "Tackling Exploitation"]}),
    ("table.txt", TABLE, "plan", {"22-27": ["Protecting Young People", "Safer Streets"]}),
    ("doubled.txt", DOUBLED, "plan", {"2017-2020": ["Protecting Children", "Safer Roads"]}),
    ("ranked.txt", RANKED, "strategic assessment", {"2019/20": [
        "Burglary", "Drug supply", "Violent crime"]}),
    ("no_labels.txt", NO_LABELS, "plan", {}),
    ("press.txt", PRESS_RELEASE, "news release", {"2013-2016": [
        "cutting reoffending", "improving road safety", "protecting young people",
        "reducing violent crime", "tackling domestic abuse"]}),
    ("pipes.txt", PIPES, "strategy", {"2021-2024": [
        "Protecting Young People", "Safer Streets", "Tackling Exploitation"]}),
    ("paged.txt", PAGED, "strategy", {"2022-2025": ["Protecting Young People",
                                                    "Safer Streets"]}),
    ("commented.txt", COMMENTED, "minutes", {"2014-15": [
        "Domestic violence", "Victimisation in schools"]}),
    ("long_bullets.txt", LONG_BULLETS, "plan", {"2018-21": [
        "Anti-social behaviour", "Road safety", "Violence against the person"]}),
    ("examples.txt", EXAMPLES, "plan", {"2019/20": [
        "Protecting Young People", "Safer Streets", "Tackling Exploitation"]}),
    ("single.txt", SINGLE, "plan", {"2023 to 2025": ["Reducing violence in the town centre"]}),
    ("counted.txt", COUNTED, "plan", {"2025 to 2027": [
        "A neighbourhood approach", "Preventing violence and exploitation",
        "Tackling acquisitive crime"]}),
    ("subject.txt", SUBJECT, "news release", {"2018-19": [
        "Protecting vulnerable people", "reducing violent crime", "stopping gang activity",
        "tackling repeat anti-social behaviour"]}),
    ("flat_single.txt", FLAT_SINGLE, "other", {"2023 to 2025": [
        "Reducing violence in the town centre"]}),
    ("flat_marked.txt", FLAT_MARKED, "plan", {"2018 – 2019": [
        "Protect vulnerable people by increasing the reporting of hidden harms"]}),
    ("two_years.txt", TWO_YEARS, "news release", {
        "2016-17": ["to address night time economy crime", "to protect vulnerable people",
                    "to reduce crime and the fear of crime", "to reduce reoffending"],
        "2017-18": ["improving community resilience", "reducing violent crime",
                    "tackling repeat anti-social behaviour"]}),
    ("two_lists.txt", TWO_LISTS, "decision notice", {
        "22-27": ["Creating Strong Communities", "Keeping People Safe from Harm",
                  "Preventing Reoffending"],
        "24-28": ["Tackling Theft", "Tackling Violent Crime"]}),
]


@pytest.mark.parametrize(("name", "text", "part_type", "expected"), CASES,
                         ids=[case[0] for case in CASES])
def test_priorities_per_version(tmp_path: Path, name: str, text: str, part_type: str,
                                expected: dict[str, list[str]]) -> None:
    document, dataset = build(tmp_path, name, text)
    assert document.parts[0].type == part_type
    assert priorities(dataset) == expected


def _dataset(tmp_path: Path, name: str) -> Dataset:
    text = next(case[1] for case in CASES if case[0] == name)
    return build(tmp_path, name, text)[1]


def test_periods_keep_their_words_and_give_years(tmp_path: Path) -> None:
    assert years(_dataset(tmp_path, "priority_one.txt")) == {"April 18 – March 19": (2018, 2019)}
    assert years(_dataset(tmp_path, "table.txt")) == {"22-27": (2022, 2027)}
    assert years(_dataset(tmp_path, "semicolons.txt")) == {"2016/2020": (2016, 2020)}
    assert years(_dataset(tmp_path, "two_lists.txt")) == {"22-27": (2022, 2027),
                                                          "24-28": (2024, 2028)}


def test_kinds_of_list_keep_their_words(tmp_path: Path) -> None:
    two = kinds(_dataset(tmp_path, "two_lists.txt"))
    assert two["Preventing Reoffending"] == {"overarching priorities"}
    assert two["Tackling Theft"] == {"key crime issues"}
    assert kinds(_dataset(tmp_path, "numbered.txt"))["Reducing Reoffending"] == {"key priorities"}
    assert kinds(_dataset(tmp_path, "key_priority.txt"))["TO REDUCE REOFFENDING"] == {
        "key priorities"}
    assert kinds(_dataset(tmp_path, "ranked.txt"))["Burglary"] == {"key risks and threats"}


def test_quotes_show_the_label_is_a_priority(tmp_path: Path) -> None:
    prose = quotes(_dataset(tmp_path, "prose.txt"))
    assert prose["Road Safety"] == {"The six priorities for 2009-2012 were: Violent Crime, "
                                    "Domestic Abuse, including stalking, Road Safety"}
    table = quotes(_dataset(tmp_path, "table.txt"))
    assert table["Safer Streets"] == {"Safer Streets More patrols at night"}
    marked = quotes(_dataset(tmp_path, "priority_one.txt"))
    assert marked["Driving down Anti-Social Behaviour in public places"] == {
        "Priority Two – Driving down Anti-Social Behaviour in public places."}


LEADS = """
SELECT ?label ?post ?organisation WHERE {
  ?c a csa:Priority ; skos:prefLabel ?label ; csa:lead/csa:post ?p .
  ?p skos:prefLabel ?post ; org:postIn/skos:prefLabel ?organisation .
}"""
SCOPE = "SELECT ?label ?item WHERE { ?c skos:prefLabel ?label ; csa:includes ?item }"
SOURCE = """
SELECT ?name ?type WHERE { ?s a skos:ConceptScheme ; skos:prefLabel ?name ; dct:source ?p .
                           ?p csa:partType ?type }"""


def test_a_lead_named_in_an_item_becomes_a_lead(tmp_path: Path) -> None:
    rows = {tuple(map(str, row)) for row in _dataset(tmp_path, "key_priority.txt").query(LEADS)}
    assert rows == {("TO PROTECT VULNERABLE PEOPLE", "Head of Housing", "Northshire Council"),
                    ("TO REDUCE REOFFENDING", "Head of Probation",
                     "Northshire Probation Service")}


def test_including_puts_an_item_inside_the_one_before(tmp_path: Path) -> None:
    rows = {tuple(map(str, row)) for row in _dataset(tmp_path, "prose.txt").query(SCOPE)}
    assert rows == {("Domestic Abuse", "stalking")}


def test_a_contents_line_without_a_page_is_part_of_the_item_before(tmp_path: Path) -> None:
    rows = {tuple(map(str, row)) for row in _dataset(tmp_path, "paged.txt").query(SCOPE)}
    assert rows == {("Safer Streets", "Night-time economy")}
    rows = {tuple(map(str, row)) for row in _dataset(tmp_path, "pipes.txt").query(SCOPE)}
    assert rows == {("Safer Streets", "Night-time economy"), ("Safer Streets", "Licensing")}


def test_a_document_reporting_a_plan_is_the_source_of_its_version(tmp_path: Path) -> None:
    press = {tuple(map(str, row)) for row in _dataset(tmp_path, "press.txt").query(SOURCE)}
    assert press == {("Plan 2013-2016", "news release")}
    plan = {tuple(map(str, row)) for row in _dataset(tmp_path, "numbered.txt").query(SOURCE)}
    assert plan == {("Northshire Community Safety Plan 2013-2016", "plan")}


def test_versions_of_every_kind_conform_to_the_shapes(tmp_path: Path) -> None:
    from rdflib import Literal

    from partnership_kg.graph.validate import validate
    from partnership_kg.graph.vocab import CSA, RDF

    dataset = _dataset(tmp_path, "two_lists.txt")
    conforms, report = validate(dataset)
    assert conforms, report
    concept = next(iter(dataset.subjects(RDF.type, CSA.Priority)))
    dataset.graph(next(iter(dataset.graphs())).identifier).add(
        (concept, CSA.listKind, Literal(3)))
    conforms, report = validate(dataset)
    assert not conforms and "a list kind is the list's own words" in report
