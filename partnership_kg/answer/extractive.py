"""Extractive answers: the one or two retrieved sentences that best answer a question, quoted.

Nothing is paraphrased: the answer is the quoted sentence(s) with where they come from, so it
can never state a fact its citation does not hold. When no sentence shares enough of the
question's words, there is no answer (``None``) rather than a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from partnership_kg.answer.acronyms import find_expansion
from partnership_kg.answer.list_answers import LIST_BONUS, list_after
from partnership_kg.answer.question import (
    CAPITALISED_RUN,
    DISTINCTIVE_WEIGHT,
    NUMBER,
    YEAR,
    Question,
    parse_question,
)
from partnership_kg.answer.question_kinds import (
    acts_in_role,
    date_field,
    does_role,
    names_person,
    new_dates,
    role_field,
    states_role,
)
from partnership_kg.answer.sentences import passage_sentences, unnumbered
from partnership_kg.search.keyword import tokenize

# Below this share of the question's (weighted) words, a sentence does not support an answer.
MIN_SUPPORT = 0.5
# Words of the passage's section heading and part title count this much towards support: they
# say what a sentence is about without being in it.
CONTEXT_WEIGHT = 0.4
# A second sentence is quoted only when it scores nearly as well as the best.
SECOND_SENTENCE_RATIO = 0.85
# Sentences longer than this are rarely the answer itself.
LONG_SENTENCE_WORDS = 60
# A sentence from the part whose period or date covers the year asked about counts this much more.
PART_YEAR_BONUS = 1.1
# A line beside a role is read as the holder's name only when this short.
NAME_LINE_WORDS = 8
# A lead-in or heading is followed into the next lines up to this many words.
FOLLOW_WORDS = 80
# A form field giving the asked role's holder or the date asked about, and a sentence stating
# who holds the role or giving a date, score this much more; a sentence with no date this much
# less for "when".
FIELD_BONUS = 0.6
ROLE_BONUS = 0.3
# For "who", a sentence naming a titled person ("Councillor X") counts this much more.
PERSON_BONUS = 0.3
DATE_BONUS = 0.4
NO_DATE = 0.7

# A sentence saying what took the place of something ("replaced", "superseded", "adopted").
_SUCCESSION = re.compile(r"\b(?:replac\w*|supersed\w*|succe(?:eded|ssor)|took over from|"
                         r"in place of|adopted)\b", re.I)
_DECISION_VERB = re.compile(r"^(?:agre|decid|resolv|propos|recommend|request|approv)", re.I)
_DECISION_LANGUAGE = re.compile(
    r"\b(?:agree\w*|decid\w*|decision\w*|resolv\w*|propos\w*|recommend\w*|approv\w*|"
    r"request\w*|to note|endorse\w*)\b", re.IGNORECASE)
# A sentence that opens by pointing back at what the previous one named.
_ANAPHOR = re.compile(
    r"^(?:(?:However|But|And|So),?\s+)?(?:The (?:Act|Bill|bill|legislation|programme|strategy|"
    r"plan|scheme|report|review|duty|Forum|Board|Partnership|Group|Committee|Panel)|"
    r"This|These|That|Those|It|They|He|She|this|these|that|those|it|they|he|she)\b")
# A list or paragraph number at the start of a sentence: "(2)", "5.1", "3."
_ENUMERATOR = re.compile(r"^\s*(?:\(\w{1,4}\)|\d+(?:\.\d+)*\.?)\s+")
_MONEY = re.compile(r"[£$€]\s?\d|\d\s?(?:k|m|bn|million|billion)\b", re.IGNORECASE)
_PERCENT = re.compile(r"\d\s?(?:%|per ?cent)", re.IGNORECASE)
_MONEY_QUESTION = re.compile(r"\bhow much\b|\b(?:cost|budget|funding|grant|spend|spent)\b", re.I)
_PERCENT_QUESTION = re.compile(r"\b(?:percentage|per ?cent|proportion|share)\b", re.I)
@dataclass
class _Sentence:
    text: str  # verbatim source text
    result: dict[str, Any]
    rank: int  # of the passage among the results
    position: int  # of the sentence in its passage
    neighbours: list[tuple[str, bool]]  # all (sentence, is row) of the passage, in order
    score: float = 0.0
    support: float = 0.0
    expansion: str | None = None
    row: bool = False  # a table row, quoted as its cells
    field: bool = False  # a "Label: value" line giving what a who/when question asks


def _same_word(a: str, b: str) -> bool:
    """Exact, or one an inflection of the other ("chair"/"chaired", "agree"/"agreed")."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 3


def _support(question: Question, sentence: str, context: str) -> tuple[float, float]:
    """(share of the question's weight in the sentence or its context, share in the sentence).

    Support is zero when the passage lacks most of the question's names, acronyms and numbers:
    a sentence about "people" and "living" does not answer a question about Mars."""
    if not question.weights:
        return 0.0, 0.0
    own = set(tokenize(sentence))
    around = set(tokenize(context))
    if question.decision:
        # "What was agreed": any deciding, proposing or requesting language answers the verb.
        verbs = {token for token in question.weights if _DECISION_VERB.match(token)}
        if _DECISION_LANGUAGE.search(sentence):
            own |= verbs
        elif _DECISION_LANGUAGE.search(context):
            around |= verbs
    total = sum(question.weights.values())
    found = inside = 0.0
    distinctive = distinctive_found = 0
    for token, weight in question.weights.items():
        distinctive += weight >= DISTINCTIVE_WEIGHT
        if any(_same_word(token, word) for word in own):
            found += weight
            inside += weight
            distinctive_found += weight >= DISTINCTIVE_WEIGHT
        elif any(_same_word(token, word) for word in around):
            found += weight * CONTEXT_WEIGHT
            distinctive_found += weight >= DISTINCTIVE_WEIGHT
    if distinctive and distinctive_found * 2 < distinctive:
        return 0.0, inside / total
    return found / total, inside / total


def _defines(term: str, sentence: str) -> bool:
    """Whether ``sentence`` reads as a definition of ``term`` (X is ..., X (...), known as X)."""
    escaped = re.escape(term)
    patterns = (
        rf"\b{escaped}\W{{0,2}}\s+(?:is|are|was|were|means|refers to|describes)\b",
        rf"\b{escaped}\W{{0,2}}\s*[(:–—-]",
        rf"\(\W?{escaped}\W?\)",
        rf"\b(?:known as|called|named|entitled)\s+\W?{escaped}\b",
    )
    return any(re.search(pattern, sentence, re.IGNORECASE) for pattern in patterns)


def _heading_like(sentence: str) -> bool:
    return sentence.endswith(":") or (
        len(sentence.split()) < 12 and not sentence.rstrip("\"')").endswith((".", "!", "?"))
    )


def _new_name(sentence: str, question: Question) -> bool:
    """Whether ``sentence`` names someone or something the question does not (for 'who')."""
    for match in CAPITALISED_RUN.finditer(sentence):
        tokens = tokenize(match.group(0))
        if tokens and not any(
            _same_word(token, known) for token in tokens for known in question.weights
        ):
            return True
    return False


def _name_beside(item: _Sentence, question: Question) -> tuple[int, str] | None:
    """A short line next to the sentence that names someone new: the name in a signature block
    above the role it holds, or below it."""
    for position in (item.position - 1, item.position + 1):
        if 0 <= position < len(item.neighbours):
            candidate, row = item.neighbours[position]
            if not row and len(candidate.split()) <= NAME_LINE_WORDS \
                    and _new_name(candidate, question):
                return position, candidate
    return None


def _quantity_bonus(question: Question, sentence: str) -> float:
    """Numbers that could answer the question: not years, not numbers the question gives."""
    numbers = [
        match.group(0) for match in NUMBER.finditer(_ENUMERATOR.sub("", sentence))
        if match.group(0) not in question.numbers and not YEAR.match(match.group(0))
    ]
    if not numbers:
        return 0.0
    bonus = 0.3
    if _MONEY_QUESTION.search(question.text) and _MONEY.search(sentence):
        bonus += 0.3
    if _PERCENT_QUESTION.search(question.text) and _PERCENT.search(sentence):
        bonus += 0.3
    return bonus


def _score(question: Question, item: _Sentence) -> None:
    context = f"{item.result.get('section') or ''} {item.result.get('title') or ''}"
    if question.who and not item.row and (
            states_role(item.text, question.roles) or _new_name(item.text, question)):
        # A sentence naming someone is about what its passage is about: "Board Jo Bloggs
        # (Chair) ..." in the minutes of the Wessex CSP.
        context = " ".join([context, *(sentence for sentence, _ in item.neighbours)])
    support, inside = _support(question, _with_antecedent(item), context)
    support, kind = _kind(question, item, context, support)
    score = support + kind
    if question.acronym:
        item.expansion = find_expansion(question.acronym, item.text)
        if item.expansion:
            score += 1.5
            # The acronym exactly as asked ("CSP", not "CSPs") with a capitalised expansion reads
            # as the defining mention.
            if re.search(rf"\b{re.escape(question.acronym)}\b", item.text):
                score += 0.1
            if item.expansion[:1].isupper():
                score += 0.1
            support = max(support, 1.0)
    if question.term and question.term_tokens and _defines(question.term, item.text):
        score += 0.5
    lowered = item.text.lower()
    for phrase in question.phrases:
        if phrase.lower() in lowered:
            # The sentence names the thing asked about, and is about it if it starts with it.
            score += 0.4 if lowered.lstrip("•-–*( ").startswith(phrase.lower()) else 0.2
    if question.quantity:
        bonus = _quantity_bonus(question, item.text)
        score = score + bonus if bonus else score * 0.5
    if question.who and (_new_name(item.text, question) or _name_beside(item, question)):
        score += 0.15
    if question.decision:
        # A decision is stated in a sentence that decides, proposes or asks for something, often
        # under a "Recommendations" or "Request of ..." heading; a bare heading states none.
        if _DECISION_LANGUAGE.search(item.text):
            score += 0.4
        if _DECISION_LANGUAGE.search(item.result.get("section") or ""):
            score += 0.2
        if _heading_like(item.text):
            score *= 0.5
    if question.successor and support > 0 and _SUCCESSION.search(item.text):
        # Says what took the place of something the question shares words with, even where
        # it names it less fully than the (earlier) document that introduced it.
        score += 0.6
        support = max(support, MIN_SUPPORT)
    if question.wants_list and not item.row and list_after(item.neighbours, item.position):
        score += LIST_BONUS
    years = [number for number in question.numbers if YEAR.match(number)]
    if years and not any(year in f"{item.text} {context}" for year in years):
        score *= 0.8  # about another year than the one asked about
    if years and _part_covers(item.result.get("part_years"), years):
        score *= PART_YEAR_BONUS  # from the part (agreement, meeting) of the year asked about
    if len(item.text.split()) > LONG_SENTENCE_WORDS:
        score *= 0.85
    if inside == 0 and not item.expansion:
        score *= 0.5  # supported only by its heading: weaker than a sentence naming the topic
    # Retrieval order breaks near ties; so, weakly, does coming first in a passage.
    score += 0.1 / (1 + item.rank) + 0.02 / (1 + item.position)
    item.score, item.support = score, support


def _kind(question: Question, item: _Sentence, context: str,
          support: float) -> tuple[float, float]:
    """(support, bonus) for the kind of answer asked for: a "Label: value" field naming the
    asked role's holder or the date is supported by the whole record it belongs to (its
    passage), as a form's fields all describe one thing."""
    if item.row or not (question.who or question.when):
        return support, 0.0
    tokens = set(question.weights)
    who_field = question.who and role_field(item.text, question.roles, tokens)
    if who_field or (question.when and date_field(item.text, question.text, tokens)):
        item.field = True
        record = " ".join(sentence for sentence, _ in item.neighbours)
        support = max(support, _support(question, record, context)[0])
        return support, FIELD_BONUS if who_field else DATE_BONUS
    bonus = 0.0
    if question.who:
        role = states_role(item.text, question.roles) or does_role(item.text, question.verb)
        person = names_person(item.text)
        bonus += ROLE_BONUS * role + PERSON_BONUS * person
        if (role or acts_in_role(item.text, question.roles)) and support > 0:
            support = max(support, MIN_SUPPORT)  # names the holder of what is asked about
    if question.when:
        if not new_dates(item.text, question.text):
            return support * NO_DATE, bonus
        bonus += DATE_BONUS
    return support, bonus


def _part_covers(part_years: list[int] | None, years: list[str]) -> bool:
    return bool(part_years) and any(part_years[0] <= int(year) <= part_years[-1]
                                    for year in years)


def _other_period(item: _Sentence, best: _Sentence, question: Question) -> bool:
    """``item`` is from a part of another period than the year asked, where ``best`` is not."""
    years = [number for number in question.numbers if YEAR.match(number)]
    return bool(years) and _part_covers(best.result.get("part_years"), years) and not \
        _part_covers(item.result.get("part_years"), years)


def _with_antecedent(item: _Sentence) -> str:
    """A sentence opening with "It", "This" ... and the sentence before, which says what it is:
    "The Board oversees ... . It is chaired by X" is about the Board."""
    if item.row or item.position == 0 or not _ANAPHOR.match(item.text):
        return item.text
    previous, row = item.neighbours[item.position - 1]
    return item.text if row else f"{previous} {item.text}"


def _context_around(item: _Sentence, question: Question) -> tuple[list[str], list[str]]:
    """Sentences just before and after the best one that it needs to be understood: the name
    beside a role in a signature block (for 'who' questions), the lines a heading or lead-in
    introduces."""
    before: list[str] = []
    after: list[str] = []
    if question.who and not _new_name(item.text, question):
        beside = _name_beside(item, question)
        if beside is not None:
            position, name = beside
            (before if position < item.position else after).append(name)
            return before, after
    if not item.row and _ANAPHOR.match(item.text) and item.position > 0:
        # "The Act introduced ..." needs the sentence before it to say which Act.
        previous, row = item.neighbours[item.position - 1]
        if not row:
            before.append(previous)
    listed = [] if item.row else list_after(item.neighbours, item.position)
    if listed:
        return before, listed  # a list's intro is quoted with its items, one by one
    if not item.row and not item.field and _heading_like(item.text):
        budget = FOLLOW_WORDS
        for candidate, row in item.neighbours[item.position + 1:]:
            if row:
                break
            after.append(candidate)
            budget -= len(candidate.split())
            # Stop after the first complete sentence, unless it too leads into more lines.
            if budget <= 0 or not _heading_like(candidate):
                break
    return before, after


def _decision_list(item: _Sentence) -> list[str]:
    """The whole list a decision sits in ("Request of the KCSP: 1. To note ...; 2. ..."): what
    was agreed is the list, not one item of it."""
    quotes: list[str] = []
    budget = FOLLOW_WORDS * 2
    for sentence, row in item.neighbours:
        if row or _heading_like(sentence) or len(_ENUMERATOR.sub("", f"{sentence} ").split()) < 2:
            continue  # a table, a heading, or a bare list number split off its item
        quotes.append(sentence)
        budget -= len(sentence.split())
        if budget <= 0:
            break
    return quotes if item.text in quotes else [item.text]


def _describe(result: dict[str, Any]) -> str:
    title = result.get("title") or result.get("source") or "the source"
    page = result.get("page")
    return f"{title} (p. {page})" if page is not None else str(title)


def _citation(result: dict[str, Any], quote: str) -> dict[str, Any]:
    return {
        "source": result.get("source"),
        "title": result.get("title"),
        "page": result.get("page"),
        "quote": quote,
    }


def answer_from_passages(
    question: str, results: list[dict[str, Any]], embedder: Any = None
) -> dict[str, Any] | None:
    """An answer quoting the best sentence(s) of ``results`` (search hits, best first), or None.

    ``embedder`` (optional, an ``Embedder``): when its model is already in memory, sentence
    similarity to the question breaks ties between sentences with the same words.
    """
    parsed = parse_question(question)
    if not parsed.weights and not parsed.acronym:
        return None
    items: list[_Sentence] = []
    for rank, result in enumerate(results):
        found = passage_sentences(result.get("text") or "")
        for position, (sentence, row) in enumerate(found):
            items.append(_Sentence(sentence, result, rank, position, found, row=row))
    if not items:
        return None
    for item in items:
        _score(parsed, item)
    if embedder is not None and getattr(embedder, "loaded", False):
        vectors = embedder.encode([parsed.text] + [item.text for item in items])
        for item, similarity in zip(items, vectors[1:] @ vectors[0], strict=True):
            item.score += 0.3 * float(similarity)
    items.sort(key=lambda item: -item.score)
    best = items[0]
    if best.support < MIN_SUPPORT:
        return None

    before, after = _context_around(best, parsed)
    quotes = [*before, best.text, *after]
    if parsed.decision and _DECISION_LANGUAGE.search(best.result.get("section") or ""):
        quotes = _decision_list(best)
    quotes = [unnumbered(quote) for quote in quotes]
    citations = [_citation(best.result, quote) for quote in quotes]
    where = _describe(best.result)
    quoted = "; ".join(f'"{quote}"' for quote in quotes)
    if best.expansion:
        answer = f"{parsed.acronym} stands for {best.expansion}. According to {where}: {quoted}"
    else:
        answer = f"According to {where}: {quoted}"

    second = next(
        (
            item for item in items[1:]
            if item.score >= SECOND_SENTENCE_RATIO * best.score
            and item.support >= max(MIN_SUPPORT, best.support)
            and item.text not in quotes
            and not _near_duplicate(item.text, quotes)
            and not _other_period(item, best, parsed)
        ),
        None,
    )
    if second is not None and not best.expansion:
        answer += f' Also, {_describe(second.result)}: "{unnumbered(second.text)}"'
        citations.append(_citation(second.result, unnumbered(second.text)))
    return {"answer": answer, "citations": citations}


def _near_duplicate(text: str, others: list[str]) -> bool:
    from rapidfuzz import fuzz

    return any(fuzz.token_set_ratio(text, other) >= 85 for other in others)
