"""Other spellings of a record's words that the search index adds to it, so that a reader's spelling finds the transcript's.

- British and American forms of a word (`others`): -ise/-ize (organise,
  organisation, organising …), -yse/-yze, -our/-or and -re/-er (for the words
  that have them: colour, centre …), and a list of pairs (licence/license,
  programme/program, travelled/traveled …), to which an editor adds the
  glossary's `spellings` (docs/guide/editors/glossary.md);
- a hyphenated word joined ("web-scale": `webscale`), as Pagefind already
  finds its parts and the hyphenated form;
- two words written apart joined, when the series writes them as one word
  somewhere ("dev ops": `devops`, if another exchange says "devops"), so a
  search for the joined form finds both (the search box searches a query's
  two words joined as well, for the other way round).

The added words go in a block of their own at a share of the weight of where
the record has the word (`SHARE`), so an exact match still ranks first.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator

SHARE = 0.8  # of the weight of the words they are other spellings of
MIN_HALF = 3  # letters of each of two words written apart, at least, for their join to be added

# Suffixes after -iz-/-is-: organize, organizes, organized, organizer, organizing, organization, organizational …
IZE = re.compile(r"^(\w{3,})([iy])([sz])(e|es|ed|er|ers|ing|ation|ations|ational|able)$")
# Words that end like -ise but have no -ize form (or whose -ize form is another word).
NOT_IZE = frozenset((
    "advise", "advised", "advises", "advising", "advertise", "advertised", "advertising", "arise", "chastise",
    "circumcise", "comprise", "comprised", "comprises", "comprising", "compromise", "compromised", "compromises",
    "compromising", "concise", "demise", "despise", "devise", "devised", "disguise", "disguised", "enterprise",
    "enterprises", "excise", "exercise", "exercised", "exercises", "exercising", "expertise", "franchise",
    "franchises", "improvise", "improvised", "incise", "merchandise", "otherwise", "precise", "premise",
    "premises", "promise", "promised", "promises", "promising", "raise", "raised", "raises", "raising", "revise",
    "revised", "revising", "supervise", "supervised", "supervising", "surmise", "surprise", "surprised",
    "surprises", "surprising", "televise", "televised", "treatise", "wise", "capsize"
))  # fmt: skip
# -our/-or: the stems that have both forms, and the endings after them.
OUR = re.compile(
    r"^(arb|ard|armo|behavio|cando|clamo|colo|demeano|endeavo|favo|fervo|flavo|harbo|hono|humo|labo|neighbo|odo|parlo"
    r"|rigo|rumo|savo|splendo|tumo|valo|vapo|vigo)(u?)r(|s|ed|ing|ite|ites|able|ably|al|ful|less|er|ers|hood|hoods|ly)$"
)
# -re/-er: the stems that have both forms.
RE_ER = re.compile(r"^(calib|cent|fib|lit|lust|meag|met|sab|somb|spect|theat)(re|er)(s?)$")
RE_ER_VERB = re.compile(r"^(cent)(red|ered|ring|ering)$")
PAIRS = (
    "licence license", "licences licenses", "licenced licensed", "licencing licensing", "defence defense",
    "defences defenses", "offence offense", "offences offenses", "pretence pretense", "practise practice",
    "practised practiced", "practising practicing", "catalogue catalog", "catalogues catalogs", "dialogue dialog",
    "dialogues dialogs", "analogue analog", "programme program", "programmes programs", "grey gray",
    "ageing aging", "judgement judgment", "judgements judgments", "acknowledgement acknowledgment",
    "aluminium aluminum", "mould mold", "plough plow", "sceptic skeptic", "sceptical skeptical",
    "travelled traveled", "travelling traveling", "traveller traveler", "travellers travelers",
    "cancelled canceled", "cancelling canceling", "modelled modeled", "modelling modeling", "labelled labeled",
    "labelling labeling", "signalled signaled", "signalling signaling", "fuelled fueled", "counsellor counselor",
    "jewellery jewelry", "enrol enroll", "enrolment enrollment", "fulfil fulfill", "fulfilment fulfillment",
    "skilful skillful", "instalment installment", "manoeuvre maneuver", "manoeuvres maneuvers",
    "paediatric pediatric", "anaesthesia anesthesia", "oestrogen estrogen", "tonne ton"
)  # fmt: skip


class Spellings:
    """The other spellings of words: the rules above, the pairs, and an editor's groups (each a list of spellings of one word)."""

    def __init__(self, groups: Iterable[Iterable[str]] = (), compounds: Iterable[str] = ()) -> None:
        """`compounds`: the words the series writes (lower case), whose two halves written apart are joined to them."""
        self.compounds = frozenset(compounds)
        self.groups: dict[str, set[str]] = {}
        for group in [pair.split() for pair in PAIRS] + [list(g) for g in groups]:
            forms = {form.lower() for form in group}
            for form in forms:
                self.groups.setdefault(form, set()).update(forms - {form})

    def others(self, word: str) -> set[str]:
        """The other spellings of `word` (lower case), not `word` itself."""
        word = word.lower()
        found = set(self.groups.get(word, ()))
        ize = IZE.match(word)
        if ize and word not in NOT_IZE:
            stem, vowel, letter, ending = ize.groups()
            found.add(f"{stem}{vowel}{'s' if letter == 'z' else 'z'}{ending}")
        our = OUR.match(word)
        if our:
            stem, u, ending = our.groups()
            found.add(f"{stem}{'' if u else 'u'}r{ending}")
        re_er = RE_ER.match(word)
        if re_er:
            stem, middle, plural = re_er.groups()
            found.add(f"{stem}{'er' if middle == 're' else 're'}{plural}")
        verb = RE_ER_VERB.match(word)
        if verb:
            stem, ending = verb.groups()
            found.add(stem + {"red": "ered", "ered": "red", "ring": "ering", "ering": "ring"}[ending])
        if "-" in word.strip("-"):
            found.add(word.replace("-", ""))
        found.discard(word)
        return found

    def added(self, text: str, besides: str = "") -> list[str]:
        """The other spellings of the words of `text` that neither it nor `besides` writes, in order of first use."""
        found = list(words(text))
        written = set(found) | set(words(besides))
        others = [other for word in found for other in sorted(self.others(word))]
        if self.compounds:
            pairs = itertools.pairwise(found)
            others += [a + b for a, b in pairs if len(a) >= MIN_HALF and len(b) >= MIN_HALF and a + b in self.compounds]
        return list(dict.fromkeys(other for other in others if other not in written))


def words(text: str) -> Iterator[str]:
    """The words of `text`, lower case, without the punctuation around them."""
    for token in text.lower().replace("\u2019", "'").split():
        word = re.sub(r"^[^\w]+|[^\w]+$", "", token)
        if word:
            yield re.sub(r"'s$", "", word)
