"""A question as the passage answer reads it: its weighted words, and what kind of answer it
asks for (an acronym's expansion, a definition, a quantity, a person, a date, a decision, a
list)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from partnership_kg.answer.list_answers import asks_for_list
from partnership_kg.answer.question_kinds import asks_when, role_tokens, role_verb
from partnership_kg.search.keyword import tokenize

# Weight of a question's names, acronyms and numbers against its other words (1).
DISTINCTIVE_WEIGHT = 2.0
# Question words that carry no topic (stopwords are dropped by the tokenizer already).
_QUESTION_WORDS = frozenset({
    "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "does", "did", "do",
    "is", "are", "was", "were", "stand", "stands", "mean", "means", "meaning", "much", "many",
    "percentage", "proportion", "share", "number", "tell", "describe", "explain", "give", "list",
    "name", "say", "said", "about",
})
# Month names: with a year they say when something happened, not what it is about.
_MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august",
                     "september", "october", "november", "december"})
# ... compared after the tokenizer's plural folding ("stands" -> "stand", "does" -> "doe")
_QUESTION_TOKENS = frozenset(token for word in _QUESTION_WORDS for token in tokenize(word))
_ACRONYM_QUESTION = re.compile(
    r"\bwhat (?:does|do|did) (?:the )?(?:acronym |abbreviation |term )?[\"'“‘]?([\w&.-]+?)"
    r"[\"'”’]? (?:stand for|mean)\b|\b(?:full form|expansion|meaning) of [\"'“‘]?([\w&.-]+)",
    re.IGNORECASE,
)
_DEFINITION_QUESTION = re.compile(
    r"^\s*(?:what|who) (?:is|are|was|were) (?:an? |the )?(.+?)\s*\??\s*$", re.IGNORECASE
)
_QUANTITY_QUESTION = re.compile(
    r"\bhow (?:much|many|large|big|long|often)\b|\bwhat (?:percentage|proportion|share|number"
    r"|amount|fraction)\b|\bwhat (?:was|is) the (?:total|number|amount|cost|budget)\b",
    re.IGNORECASE,
)
_WHO_QUESTION = re.compile(r"^\s*who\b", re.IGNORECASE)
# "What replaced X?": the answer may be in a later document that says what took X's place.
_SUCCESSOR_QUESTION = re.compile(r"\b(?:replaced|succeeded|superseded|successor|replacement|"
                                 r"took over from|came after)\b", re.I)
# "What was agreed / decided / proposed ...": the answer is a decision, not a description.
_DECISION_QUESTION = re.compile(
    r"\b(?:was|were|been)\s+(?:it\s+)?(?:agreed|decided|resolved|proposed|recommended|"
    r"requested|approved)\b|\bdid\b.+\b(?:agree|decide|resolve|propose|recommend|approve)\b",
    re.IGNORECASE)
NUMBER = re.compile(
    r"(?<![\w/])[£$€]?\d[\d,]*(?:\.\d+)?"
    r"(?:\s?(?:%|k|m|bn|per ?cent|million|billion|thousand))?(?!\w)",
    re.IGNORECASE,
)
YEAR = re.compile(r"^(?:19|20)\d\d$")
# A run of two or more capitalised words: a name, a title or a named priority.
CAPITALISED_RUN = re.compile(
    r"(?:\b[A-Z][\w'&-]*(?:\s+(?:of|and|for|the|&|in)\s+|\s+))+[A-Z][\w'&-]*"
)


@dataclass
class Question:
    text: str
    weights: dict[str, float]
    acronym: str | None = None
    term: str | None = None
    quantity: bool = False
    who: bool = False
    when: bool = False
    roles: set[str] = field(default_factory=set)  # for "who": the role asked about
    verb: str | None = None  # for "who": what they did ("proposed")
    decision: bool = False
    successor: bool = False
    wants_list: bool = False  # "What are the priorities ...?": a list answers it
    term_tokens: list[str] = field(default_factory=list)
    # Capitalised phrases of the question ("Safeguarding Vulnerable People")
    phrases: list[str] = field(default_factory=list)
    numbers: set[str] = field(default_factory=set)


def parse_question(question: str) -> Question:
    weights: dict[str, float] = {}
    for index, word in enumerate(re.findall(r"[\w&'-]+", question)):
        # Names, acronyms and numbers are what a passage must really share with a question;
        # the first word is capitalised by grammar, not because it is a name.
        # Dates ("June 2014") qualify when, so they weigh like ordinary words.
        is_date = word.lower() in _MONTHS or bool(YEAR.match(word))
        distinctive = not is_date and (
            (word[:1].isupper() and index > 0) or word[:1].isdigit()
            or sum(map(str.isupper, word)) > 1
        )
        for token in tokenize(word):
            if token not in _QUESTION_WORDS and token not in _QUESTION_TOKENS:
                weight = DISTINCTIVE_WEIGHT if distinctive else 1.0
                weights[token] = max(weights.get(token, 0.0), weight)
    parsed = Question(question, weights)
    acronym = _ACRONYM_QUESTION.search(question)
    if acronym:
        parsed.acronym = (acronym.group(1) or acronym.group(2)).strip(".")
    definition = _DEFINITION_QUESTION.match(question)
    if definition and not parsed.acronym:
        parsed.term = definition.group(1)
        parsed.term_tokens = tokenize(parsed.term)
    parsed.quantity = bool(_QUANTITY_QUESTION.search(question))
    parsed.who = bool(_WHO_QUESTION.match(question))
    parsed.roles = role_tokens(question) if parsed.who else set()
    parsed.verb = role_verb(question) if parsed.who else None
    parsed.when = asks_when(question)
    # "When did they approve X?" asks for a date, not for what was decided.
    parsed.decision = not parsed.when and bool(_DECISION_QUESTION.search(question))
    parsed.successor = bool(_SUCCESSOR_QUESTION.search(question))
    parsed.wants_list = asks_for_list(question)
    body = question.split(None, 1)[1] if " " in question else ""  # the first word is grammar
    parsed.phrases = [match.group(0) for match in CAPITALISED_RUN.finditer(body)]
    parsed.numbers = {match.group(0) for match in NUMBER.finditer(question)}
    return parsed
