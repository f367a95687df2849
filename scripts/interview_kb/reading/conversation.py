"""Who asks what: a conversation's turns grouped into exchanges, and the parts that are not the interview recognised.

The rules (docs/guide/editors/conversation.md#the-rules), applied after the format has
found the turns:

* A speaker's consecutive turns are one turn (a transcript's time marks, or a
  caption's cues, often split one speaker's words).
* Parts that are not the interview (`Outside`, like marked ones) are
  recognised: the turns before the first interviewer turn (a cold open); a
  first interviewer turn that introduces the show and asks nothing, up to the
  first that asks (an introduction); an interviewer's paragraphs from a sponsor
  formula ("This episode is brought to you by …") up to the return to the guest
  (a sponsor read); the host's closing words after the last exchange.
* An exchange opens at an interviewer turn that asks (`opens`): a question
  sentence that is not a tag ("…, right?"), a back-channel ("Really?"), a
  hand-off ("Elizabeth?", "What about you, Jin?") or addressed to a co-host; a
  request ("Talk about those two differences."); or, right after a guest's
  statement, more than STATEMENT_WORDS words. The first interviewer turn
  always opens one.
* Every other interviewer turn stays inside the exchange as an aside: reactions,
  back-channel, hand-offs between panelists, a co-host's follow-up.
* A guest's back-channel ("Mm-hmm.") while the host sets up a question is an
  aside too, so the host's set-up and question are one exchange.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from interview_kb.reading.formats import Paragraph

# A sentence ends at a stop and a space, or at a full-width stop, written without one (Chinese, Japanese).
SENTENCE_END = re.compile("(?<=[.?!…\u037e\u061f])\\s+|(?<=[\u3002\uff01\uff1f])\\s*")
# Letters of scripts written without spaces between words (Thai, kana, CJK ideographs), as a character class's body.
UNSPACED = "\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Question marks of the world's scripts: Latin, full-width (Chinese, Japanese), Arabic, Greek (U+037E, like a semicolon).
QUESTION_MARKS = ("?", "？", "؟", "\u037e")
_WORD = re.compile(r"[\w’'-]+")
# A request this short ("Tell me.") asks for nothing in particular.
REQUEST_WORDS = 3
# A statement with a question tag asks when it says this much before the tag.
TAG_WORDS = 8
# An interviewer turn of more words than this gives the guest something to respond to, even without a question
# ("You mentioned fault tolerance. That's another aspect that's different in these environments. …").
STATEMENT_WORDS = 20
# A hand-off names who answers next and asks nothing else ("Elizabeth?", "What about you, Jin?", "Jin, your take?").
HAND_OFF = {
    *[
        "what",
        "about",
        "how",
        "and",
        "you",
        "your",
        "take",
        "thoughts",
        "same",
        "question",
        "for",
        "to",
        "over",
        "turn",
        "go",
        "ahead",
        "please",
        "anyone",
        "else",
        "view",
    ],
    *[
        "i",
        "i'd",
        "i’d",
        "like",
        "love",
        "hear",
        "from",
        "then",
        "so",
        "too",
        "also",
        "there",
        "any",
        "over",
        "want",
        "would",
        "add",
        "anything",
        "on",
        "that",
        "this",
    ],
}
SET_UP_WORDS = 15  # an interviewer's statement longer than this, right before their question, sets it up
BACK_CHANNEL_WORDS = 4  # a guest's turn this short of only such words is back-channel ("Mm-hmm.", "Yeah, right.")
BACK_CHANNEL = {
    "mm",
    "mhm",
    "mm-hmm",
    "mmhmm",
    "uh-huh",
    "hmm",
    "yeah",
    "yes",
    "yep",
    "yup",
    "right",
    "sure",
    "okay",
    "ok",
    "oh",
    "wow",
    "totally",
    "exactly",
    "absolutely",
    "definitely",
    "true",
    "cool",
    "nice",
    "great",
    "interesting",
    "really",
    "no",
    "ah",
    "uh",
    "um",
    "huh",
    "indeed",
    "correct",
    "of",
    "course",
    "i",
    "see",
    "agreed",
}
# Endings that make a statement sound like a question without asking one ("That's wild, right?").
_TAG = re.compile(
    r"(?:,|\s)\s*(?:right|you know|isn['’]t it|aren['’]t they|don['’]t you think|no|yeah|huh|correct|eh|ok(?:ay)?|yes|true|"
    r"wasn['’]t it|didn['’]t it)\?$",
    re.IGNORECASE,
)
# A turn that asks for an answer without a question mark: a request at the start of a sentence.
_REQUEST = re.compile(
    r"^(?:(?:so|and|now|okay|ok|well|but|alright|all right),?\s+)*(?:"
    r"tell (?:me|us)|talk (?:about|to me|to us|us through|me through)|walk (?:me|us)|take (?:me|us)|describe|explain|"
    r"share|give (?:me|us)|let['’]?s (?:talk|get into|dig|start|go back|turn|move|get to|discuss|shift|switch|begin)|"
    r"i (?:want|wanted|would like|['’]d like|['’]d love|would love) to "
    r"(?:ask|talk|hear|know|understand|go back|get into|dig|start|turn|move)|"
    r"i['’]m (?:curious|interested|wondering)|i wonder|help (?:me|us) understand|paint (?:me |us )?a picture|"
    r"(?:can|could|would|will) you (?:tell|talk|walk|explain|describe|share|give|take|help|expand|elaborate)|"
    r"please (?:tell|talk|explain|describe|share)|expand on|elaborate on|let me (?:ask|push back|challenge|play devil)|"
    r"you (?:mentioned|said|wrote|talked about|brought up|described)"
    r")\b",
    re.IGNORECASE,
)
# A request put off until later lets the guest go on.
_DEFER = re.compile(r"\b(?:but )?(?:go on|go ahead|carry on|keep going|later|in a (?:minute|moment|second|bit)|hold that thought)\b", re.I)
# Back-channel questions ("Really?", "Oh, yeah?"), greetings ("How are you doing?") and hand-offs without a name ("And you?").
_NO_QUESTION = re.compile(
    r"^(?:(?:oh|and|so|but|well),?\s+)?(?:really|seriously|yeah|yes|right|is that right|is that so|no way|truly|what|sorry|huh|"
    r"what about you|how about you|and you|you|anyone else|anybody else|same for you|same question|same here|"
    r"how are you(?: doing)?(?: today)?|how['’]s it going|how have you been|how are things|what['’]s up)"
    r"(?:,?\s+\w+)?\?$",
    re.IGNORECASE,
)
# A sponsor read starts with one of these within its first words.
_SPONSOR = re.compile(
    r"\b(?:(?:this|today['’]s|the) (?:episode|show|podcast|program|programme|segment|conversation|interview)(?: of [\w ]{1,40})? "
    r"(?:is|was) (?:brought to you|sponsored|supported|made possible|presented|powered|underwritten)(?: in part)? by|"
    r"(?:today['’]s|our|this week['’]s|this episode['’]s) sponsor|"
    r"support for (?:this|the|today['’]s) (?:show|podcast|episode|program) comes from|"
    r"a (?:quick |short |brief )?word from (?:our|today['’]s|this week['’]s|the people|the folks|those)|"
    r"\b(?:is|are) (?:sponsored|supported|underwritten|brought to you|made possible)(?: in part)? by|"
    r"thanks to (?:our|today['’]s|this week['’]s) sponsors?|"
    r"(?:we['’]ll|let['’]s|we['’]re going to|we are going to) take a (?:quick |short |brief )?break|"
    r"we['’]ll be right back)",
    re.IGNORECASE,
)
SPONSOR_REACH = 160  # the formula must start within this many characters of the paragraph's start
# The paragraph where a host turns back to the guest after a sponsor read ("Now, back to my conversation with Ana.").
_BACK = re.compile(
    r"\b(?:back to (?:the|my|our) (?:conversation|interview|show|episode|discussion)|and we['’]re back|welcome back|now back to)\b", re.I
)
# A host's opening words that introduce the show, not a question ("Welcome to The Long Shift, I'm …").
_INTRO = re.compile(
    r"\b(?:welcome (?:back )?to|you['’]re listening to|you are listening to|this is [\w'’ .-]{1,40}?,? (?:the|a) (?:show|podcast)|"
    r"i['’]m your host|my name is|today on|on today['’]s (?:show|episode)|(?:my|our) guests? (?:today |this week )?(?:is|are)|"
    r"joining (?:me|us) (?:today|now|this week)|we['’]re rolling|we are rolling)",
    re.IGNORECASE,
)
# A host's closing words that end the show ("That's our show.", "… is produced by …", "Thanks for listening.").
_OUTRO = re.compile(
    r"\b(?:that['’]s (?:our|the) (?:show|episode|programme|program)|that['’]s (?:it|all) for (?:today|this week|this episode|now)|"
    r"that['’]s all the time we have|that['’]s a wrap|(?:is|was) (?:produced|edited|mixed) by|thanks? (?:you )?for listening|"
    r"see you next (?:time|week)|until next (?:time|week)|we['’]ll see you|catch you next|"
    r"please (?:join me in )?(?:thank|thanking) (?:our|the)|join me in thanking)",
    re.IGNORECASE,
)
COLD_OPEN = "cold open"
SPONSOR = "sponsor"
INTRO = "introduction"
OUTRO = "closing"


@dataclass(frozen=True)
class Turn:
    speaker: str
    paragraphs: tuple[Paragraph, ...]
    timestamp: str = ""  # as written, e.g. "00:12:34", in the timestamped format
    aside: bool = False  # an interviewer's turn inside an answer ("Yeah.", "Go on.", "Elizabeth?")

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)


@dataclass(frozen=True)
class Outside:
    """A part that is not the interview (a sponsor read, a break, an announcer): kept and shown apart, never an exchange."""

    what: str  # the marker's word as written ("Sponsor", "Cold open"), or "announcer", or a recognised kind
    line: int
    turns: tuple[Turn, ...]  # a turn's speaker is "" for paragraphs before any label
    recognised: bool = False  # found by the rules below, not marked in the transcript


Item = Turn | Outside


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(text) if s]


def is_question(sentence: str) -> bool:
    """Whether a sentence (or a turn's text) ends with a question mark, of any script, before closing quotes."""
    return sentence.rstrip(" \"'”’»)]」』").endswith(QUESTION_MARKS)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def asks(sentence: str, names: Collection[str] = ()) -> bool:
    """Whether a sentence ending in `?` asks something that opens an exchange."""
    if not is_question(sentence) or _NO_QUESTION.match(sentence.strip(" \"'“”‘’")):
        return False
    found = [w.casefold() for w in words(sentence)]
    tag = _TAG.search(sentence)
    if tag:  # "That's wild, right?" reacts; "You were one of the first in that market, correct?" asks
        return len(words(sentence[: tag.start()])) > TAG_WORDS
    return not (names and any(w in names for w in found) and all(w in names or w in HAND_OFF for w in found))


def requests(sentence: str) -> bool:
    """Whether a sentence asks for an answer without a question mark ("Talk about those two differences.").

    Not when it puts the request off ("I want to talk about that, but go on.").
    """
    text = sentence.strip(" \"'“”‘’—-")
    return bool(_REQUEST.match(text)) and not _DEFER.search(text) and len(words(sentence)) > REQUEST_WORDS


def opens(turn: Turn, names: Collection[str] = (), *, statement: bool = True, co_hosts: Collection[str] = ()) -> bool:
    """Whether an interviewer turn opens an exchange: it asks, requests, or (`statement`) says enough for the guest to respond to.

    `names`: the speakers' labels and names, case-folded, for hand-offs; a
    question addressed to one of `co_hosts` (case-folded) opens nothing.
    """
    if statement and len(words(turn.text)) > STATEMENT_WORDS:
        return True
    return any((asks(s, names) and not addressed(s, co_hosts)) or requests(s) for p in turn.paragraphs for s in sentences(p.text))


def addressed(sentence: str, people: Collection[str]) -> bool:
    """Whether a sentence starts or ends by naming one of `people` ("Wen, you were there?", "…, Wen?")."""
    found = [w.casefold() for w in words(sentence)]
    return bool(found) and (found[0] in people or found[-1] in people)


def is_back_channel(turn: Turn) -> bool:
    """A short turn of only listening words ("Mm-hmm.", "Yeah, right.", "Oh wow.")."""
    found = [w.casefold().strip("-'’") for w in words(turn.text)]
    return 0 < len(found) <= BACK_CHANNEL_WORDS and all(w in BACK_CHANNEL for w in found)


def merge_same_speaker(items: Sequence[Item]) -> list[Item]:
    """A speaker's consecutive turns, with no part between them, as one turn timed by the first."""
    merged: list[Item] = []
    for item in items:
        last = merged[-1] if merged else None
        if isinstance(item, Turn) and isinstance(last, Turn) and last.speaker == item.speaker:
            merged[-1] = Turn(last.speaker, last.paragraphs + item.paragraphs, last.timestamp or item.timestamp)
        else:
            merged.append(item)
    return merged


def cold_open(items: Sequence[Item], interviewers: Collection[str]) -> list[Item]:
    """Turns before the first interviewer turn, as one recognised part (`COLD_OPEN`)."""
    first = next((i for i, item in enumerate(items) if isinstance(item, Turn) and item.speaker in interviewers), None)
    before = [item for item in items[:first] if isinstance(item, Turn)] if first else []
    if not before:
        return list(items)
    line = before[0].paragraphs[0].line
    rest = [item for item in items[:first] if isinstance(item, Outside)]
    return [Outside(COLD_OPEN, line, tuple(before), recognised=True), *rest, *items[first:]]


def sponsor_reads(items: Sequence[Item], interviewers: Collection[str]) -> list[Item]:
    """From an interviewer's paragraph that opens with a sponsor formula up to the host's return, as a recognised part
    (`SPONSOR`): the read goes on through the same speaker's next turns (each keeps its time), and ends after a paragraph
    that returns ("Now, back to my conversation with Ana.") or before one that asks."""
    found: list[Item] = []
    index = 0
    while index < len(items):
        item = items[index]
        start = _sponsor_start(item, interviewers)
        if start is None:
            found.append(item)
            index += 1
            continue
        assert isinstance(item, Turn)
        run = [item]  # the speaker's consecutive turns, which the read may go on through
        while index + len(run) < len(items) and _same_speaker(items[index + len(run)], item.speaker):
            run.append(items[index + len(run)])  # type: ignore[arg-type]  # checked by _same_speaker
        places = [(t, p) for t, turn in enumerate(run) for p in range(len(turn.paragraphs)) if (t, p) >= (0, start)]
        stop = len(places)  # the read takes places[:stop]
        for number, (t, p) in enumerate(places[1:], start=1):
            text = run[t].paragraphs[p].text
            if any(is_question(s) for s in sentences(text)):
                stop = number
                break
            if _BACK.search(text):
                stop = number + 1
                break
        if stop == len(places):  # no return and no question: the read is what this turn says from the formula on
            stop = len(item.paragraphs) - start
        read = places[:stop]
        last_turn, last_paragraph = read[-1]
        if start:
            found.append(Turn(item.speaker, item.paragraphs[:start], item.timestamp))
        turns = []
        for t in range(last_turn + 1):
            taken = tuple(run[t].paragraphs[p] for tt, p in read if tt == t)
            turns.append(Turn(item.speaker, taken, "" if (t == 0 and start) else run[t].timestamp))
        found.append(Outside(SPONSOR, item.paragraphs[start].line, tuple(turns), recognised=True))
        rest = run[last_turn].paragraphs[last_paragraph + 1 :]
        if rest:
            found.append(Turn(item.speaker, rest))
        index += last_turn + 1
    return found


def _sponsor_start(item: Item, interviewers: Collection[str]) -> int | None:
    """The paragraph of an interviewer's turn where a sponsor read starts, if one does."""
    if not isinstance(item, Turn) or item.speaker not in interviewers:
        return None
    return next((i for i, p in enumerate(item.paragraphs) if (m := _SPONSOR.search(p.text)) and m.start() <= SPONSOR_REACH), None)


def _same_speaker(item: Item, speaker: str) -> bool:
    return isinstance(item, Turn) and item.speaker == speaker


def introduction(items: Sequence[Item], interviewers: Collection[str]) -> list[Item]:
    """The host's introduction of the show, when the first interviewer turn opens with one and asks nothing, up to the
    first interviewer turn that asks, or the transcript's last turn: a recognised part (`INTRO`).

    Where it ends depends only on the turns up to there, never on a question further on, so an edit of a later turn
    cannot make the opening an exchange or take its link away.
    """
    first = next((i for i, item in enumerate(items) if isinstance(item, Turn) and item.speaker in interviewers), None)
    if first is None:
        return list(items)
    opener = items[first]
    assert isinstance(opener, Turn)
    if not _INTRO.search(opener.paragraphs[0].text[:SPONSOR_REACH]) or opens(opener, statement=False):
        return list(items)
    last_turn = max(i for i, item in enumerate(items) if isinstance(item, Turn))
    end = next(
        (
            i
            for i in range(first + 1, len(items))
            if isinstance(item := items[i], Turn) and item.speaker in interviewers and (i == last_turn or opens(item, statement=False))
        ),
        None,
    )
    if end is None:  # no interviewer turn after it: the opening is the one exchange
        return list(items)
    kept = [t for t in items[first:end] if isinstance(t, Turn)]
    parts = [t for t in items[first:end] if isinstance(t, Outside)]
    return [*items[:first], *parts, Outside(INTRO, opener.paragraphs[0].line, tuple(kept), recognised=True), *items[end:]]


def closing_words(items: Sequence[Item], interviewers: Collection[str]) -> list[Item]:
    """From the first paragraph where a host closes the show (`_OUTRO`) after the last question, to the end: a part (`OUTRO`)."""
    found = None
    for index in range(len(items) - 1, -1, -1):
        item = items[index]
        if not isinstance(item, Turn) or item.speaker not in interviewers:
            continue
        at = next((i for i, p in enumerate(item.paragraphs) if _OUTRO.search(p.text)), None)
        asked = any(asks(s) or requests(s) for p in item.paragraphs[at or 0 :] for s in sentences(p.text))
        if at is not None and not asked:
            found = index
        elif opens(item):  # an exchange opens here: what closes the show comes after it
            break
    if found is None:
        return list(items)
    item = items[found]
    assert isinstance(item, Turn)
    start = next(i for i, p in enumerate(item.paragraphs) if _OUTRO.search(p.text))
    before, closing = item.paragraphs[:start], item.paragraphs[start:]
    turns = [Turn(item.speaker, closing, "" if before else item.timestamp), *(t for t in items[found + 1 :] if isinstance(t, Turn))]
    parts = [t for t in items[found + 1 :] if isinstance(t, Outside)]
    kept = [Turn(item.speaker, before, item.timestamp)] if before else []
    return [*items[:found], *kept, *parts, Outside(OUTRO, closing[0].line, tuple(turns), recognised=True)]


@dataclass
class Group:
    """An exchange being gathered: its question, then its turns and parts in order."""

    question: Turn
    rest: list[Item]

    @property
    def answered(self) -> bool:
        return any(isinstance(t, Turn) and not t.aside for t in self.rest)


def group(
    items: Iterable[Item],
    interviewers: Collection[str],
    names_of: Mapping[str, Collection[str]],
    forced: Mapping[int, bool] | None = None,
) -> tuple[list[Item], list[Group]]:
    """(parts before the first question, exchanges) of a conversation.

    `names_of` gives each label's names, case-folded: any of them in a short
    question makes it a hand-off, and a co-host's makes it a question to a
    co-host. The transcript's last turn, when an interviewer's after an answer,
    is its own exchange (a closing thanks), whatever it says. `forced` overrides
    the rules for the interviewer turns starting on its lines: True opens an
    exchange there (`split:`), False never (`join:`).
    """
    forced = forced or {}
    names = {n for found in names_of.values() for n in found}
    co_hosts = {asker: {n for label in interviewers if label != asker for n in names_of.get(label, ())} for asker in interviewers}
    listed = list(items)
    last_turn = max((i for i, item in enumerate(listed) if isinstance(item, Turn)), default=-1)
    opening: list[Item] = []
    groups: list[Group] = []
    before: Turn | None = None  # the turn before this one
    for index, item in enumerate(listed):
        current = groups[-1] if groups else None
        if isinstance(item, Outside):
            (current.rest if current else opening).append(item)
            continue
        if item.speaker in interviewers:
            decided = forced.get(item.paragraphs[0].line)
            # A long statement prompts the guest only right after the guest said something that asked nothing:
            # after a co-host it is a co-host's reply, after a guest's question the host's answer.
            prompting = before is not None and before.speaker not in interviewers and not is_question(before.text)
            if current is None or decided or (index == last_turn and current.answered and decided is None):
                groups.append(Group(item, []))
            elif decided is False or not opens(item, names, statement=prompting, co_hosts=co_hosts[item.speaker]):
                current.rest.append(aside(item))
            elif not current.answered:  # asked again before any answer: one question, or a co-host's follow-up
                if item.speaker == current.question.speaker and not any(isinstance(t, Outside) for t in current.rest):
                    current.question = Turn(item.speaker, current.question.paragraphs + item.paragraphs, current.question.timestamp)
                else:
                    current.rest.append(aside(item))
            else:
                groups.append(Group(*_with_set_up(current, item)))
        elif current and is_back_channel(item) and not current.answered:
            current.rest.append(aside(item))
        elif current:
            current.rest.append(item)
        else:
            opening.append(item)
        before = item
    return opening, groups


def aside(turn: Turn) -> Turn:
    return Turn(turn.speaker, turn.paragraphs, turn.timestamp, aside=True)


def _with_set_up(previous: Group, question: Turn) -> tuple[Turn, list[Item]]:
    """The question, with the set-up its asker gave just before it (a statement of some length, perhaps acknowledged
    with a back-channel), taken from the end of the previous exchange: (question, back-channel turns)."""
    rest = previous.rest

    def listening(item: Item) -> bool:
        return isinstance(item, Turn) and item.speaker != question.speaker and is_back_channel(item)

    def setting_up(item: Item) -> bool:
        return isinstance(item, Turn) and item.speaker == question.speaker and len(words(item.text)) > SET_UP_WORDS

    end = len(rest)
    while end > 0 and listening(rest[end - 1]):
        end -= 1
    start = end
    while start > 0 and setting_up(rest[start - 1]):
        start -= 1
    if start == end:
        return question, []
    set_up = [t for t in rest[start:end] if isinstance(t, Turn)]
    heard = [aside(t) for t in rest[end:] if isinstance(t, Turn)]
    del rest[start:]
    paragraphs = tuple(p for t in set_up for p in t.paragraphs) + question.paragraphs
    return Turn(question.speaker, paragraphs, set_up[0].timestamp or question.timestamp), list(heard)
