"""What kind of sentence answers a question: a person or post holding the asked role for "who",
a date for "when"; and form fields ("Lead member: Cllr X") read as sentences of a record."""

from __future__ import annotations

import re

from partnership_kg.search.keyword import tokenize

# "Label: value" on one line: a field of a record (a decision notice, a report's cover).
FIELD = re.compile(r"^\s*([A-Z][\w()/'&,-]*(?:\s+[\w()/'&,-]+){0,4}?)\s*:\s+(\S.*)$")
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
# A date a "when" question can be answered with: 29/07/2041, 1 April 2041, 10 Oct 2041,
# October 10, 2041, 25th March 2041, March 2041.
DATE = re.compile(
    rf"\b\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d\d){{1,2}}\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\.?,?\s+\d{{4}}\b"
    rf"|\b{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b"
    rf"|\b{_MONTH}\s+\d{{4}}\b", re.IGNORECASE)
_WHEN_QUESTION = re.compile(r"^\s*(?:when\b|(?:on|by)\s+what\s+date\b|what\s+date\b)", re.I)
_NAME_WORD = re.compile(r"\b[A-Z][\w'-]*")
# "Who is the contact officer for ...", "Who is Wessex Council's lead member for ...": the post
# asked about; "Who chaired ...": the verb.
_WHO_POST = re.compile(r"^\s*who\s+(?:is|are|was|were|will\s+be|has\s+been)\s+(?:the\s+|an?\s+)?"
                       r"(.+?)(?:\s+(?:for|of|on|at|in|to|from|about|with|by|who|that)\b|\s*\?|$)",
                       re.IGNORECASE)
_POSSESSOR = re.compile(r"^.*['’]s?\s+")  # "Wessex Council's lead member": whose post it is
_WHO_VERB = re.compile(r"^\s*who\s+(\w+)", re.IGNORECASE)


# A person named with a title: "Councillor Marlowe", "Cllr Ivy Holt", "Chief Inspector Tern".
_PERSON = re.compile(r"\b(?:Councillor|Cllr\.?|Mr|Mrs|Ms|Miss|Dr|Professor|Sir|Dame|Lord|Lady|"
                     r"Inspector|Superintendent|Sergeant|Constable|Commander)\.?\s+[A-Z]")


def names_person(sentence: str) -> bool:
    return bool(_PERSON.search(sentence))


def role_tokens(question: str) -> set[str]:
    """The tokens of the role a "who" question asks about: {"contact", "officer"}, {"chair"}."""
    post = _WHO_POST.match(question)
    if post:
        words = _POSSESSOR.sub("", post.group(1)).split()
        # "the Wessex CSP priority lead": the post is its common words, the rest name whose
        common = [word for word in words if not word[:1].isupper()]
        return set(tokenize(" ".join(common or words)))
    verb = _WHO_VERB.match(question)
    return set(tokenize(verb.group(1))) if verb else set()


def asks_when(question: str) -> bool:
    return bool(_WHEN_QUESTION.match(question))


def new_dates(sentence: str, question: str) -> list[str]:
    """Dates in ``sentence`` other than those the question gives ("in February 2041")."""
    given = {match.group(0).lower() for match in DATE.finditer(question)}
    return [match.group(0) for match in DATE.finditer(sentence)
            if match.group(0).lower() not in given]


def _like(a: str, b: str) -> bool:
    """Tokens of one word: "chair"/"chaired", "propos"/"proposer" (the tokenizer stems)."""
    short, long_ = sorted((a, b), key=len)
    return a == b or (len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 3)


def role_field(sentence: str, roles: set[str], question_tokens: set[str]) -> bool:
    """A "Label: value" line whose label holds the role asked about ("Who proposed ...?" and
    "Proposer: Cllr X") and whose value names someone or a post the question does not."""
    field = FIELD.match(sentence)
    if field is None or DATE.fullmatch(field.group(2).strip()):
        return False
    named = {token for word in _NAME_WORD.findall(field.group(2)) for token in tokenize(word)}
    if not named - question_tokens:
        return False
    label = tokenize(field.group(1))
    # The label names the whole post asked about ("Lead member" for "lead member", not for
    # "priority lead"), or the post names the whole label ("Proposer" for "proposed").
    return bool(roles) and (all(any(_like(role, word) for word in label) for role in roles)
                            or all(any(_like(role, word) for role in roles) for word in label))


def date_field(sentence: str, question: str, question_tokens: set[str]) -> bool:
    """A "Label: value" line whose value holds a date, about something the question names
    ("When did Wessex Council approve ...?" and "Meeting: 29/07/2041 - Council")."""
    field = FIELD.match(sentence)
    if field is None or not new_dates(field.group(2), question):
        return False
    words = tokenize(DATE.sub(" ", sentence))
    return any(_like(token, word) for token in question_tokens for word in words)


def acts_in_role(sentence: str, roles: set[str]) -> bool:
    """A titled person and the asked role in one sentence: "Councillor X ... the Chair"."""
    return names_person(sentence) and any(_like(role, word) for role in roles
                                          for word in tokenize(sentence))


def role_verb(question: str) -> str | None:
    """The verb of "Who proposed ...?", "Who chaired ...?" (not of "Who is ...?")."""
    verb = _WHO_VERB.match(question)
    if verb is None or _WHO_POST.match(question):
        return None
    return verb.group(1).lower()


def does_role(sentence: str, verb: str | None) -> bool:
    """A titled person doing what the question asks, in its words: "Councillor X, supported by
    Councillor Y, proposed the ..." for "Who proposed ...?"."""
    return bool(verb) and names_person(sentence) and bool(
        re.search(rf"\b{re.escape(verb or '')}\b", sentence, re.IGNORECASE))


def states_role(sentence: str, roles: set[str]) -> bool:
    """A sentence saying who holds the asked role: "chaired by X", "led by X", "X (Chair)"."""
    for match in re.finditer(r"\b(\w+)\s+by\s+(?:the\s+)?\S|\((\w+)\)", sentence):
        word = match.group(1) or match.group(2)
        tokens = tokenize(word)
        if tokens and any(_like(tokens[0], token) for token in roles):
            return True
    return False
