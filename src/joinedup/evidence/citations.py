"""Find author-year citations in the prose of a narrative review.

The finder anchors on what every author-year citation must contain, a year (or "n.d."),
and reads the author group backwards from it. Reading backwards keeps the grammar small:
whatever precedes a year is either a name group ("Sloper", "Cameron & Lart", "Johnson et
al", "Wasoff, MacIver ... and Given", "National Audit Office"), or it is not a citation.
Three contexts differ in how much evidence they need before a year counts as cited:

* inside brackets, "(Sloper 2004; HMIe 2004)": a name group before the year is enough;
* narrative, "Sloper (2004)", "Cameron & Lart's (2003)": the name group sits just before
  a bracket that opens on the year;
* bare, "Atkinson et al. 2001 and 2002": only a group that cannot be a plain phrase
  (et al, two or more authors, or a surname the caller knows from a reference list).

Legislation, programme names, months and places are refused by small word lists, because
"Children Act 2004" and "Sure Start Local Programmes (1999)" have exactly the shape of
an organisation followed by a year. Regular expressions are used rather than a trained
model so that the rules can be read, tested and run with no download.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import NamedTuple

from joinedup.evidence.keys import work_key

NO_DATE = "n.d."
MAX_GROUP_CHARS = 200
SHORT_WINDOW = 36
"""How far back from a year an author group may start; the longest lists run to about 120."""

_YEAR = re.compile(
    r"(?<![\w£$€/.:\-–])(?:(?P<year>1[6-9]\d\d|20\d\d)(?P<suffix>[a-rt-z])?(?![\w/]|[-–—]\d)|(?P<nd>n\.\s?d\.?)(?!\w))"
)
_TOKEN = re.compile(
    r"(?P<ordinal>\b\d{1,3}\s?(?:st|nd|rd|th)\b)"
    r"|(?P<etal>\bet\.?\s+al\b\.?(?:['’]s)?)"
    r"|(?P<word>[^\W\d_](?:[\w'’\-]*[^\W_])?(?:['’]s?)?)"
    r"|(?P<amp>&)"
    r"|(?P<punct>[,;:()\[\]\"“”.!?])"
    r"|(?P<other>\S)"
)
_WORD_BEFORE = re.compile(r"([^\s,(\[]+)[\s,]*$")
_CONTINUATION_GAP = re.compile(r"\s*(?:[,;]\s*(?:and\s+)?|and\s+|&\s*)")
_SUFFIX_ONLY = re.compile(r"\s*,\s*(?P<suffix>[a-z])(?=\s*[,;)\]])")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n\s*\n")
_ABBREVIATION_BEFORE_DOT = re.compile(
    r"(?:\b(?:al|e\.g|i\.e|cf|p|pp|vol|vols|no|ed|eds|Dr|Mr|Mrs|Ms|Prof|St|vs|c|ca|approx|Fig|n\.d"
    r"|ch|para|op|cit|ibid|viz|etc)|\b[A-Z])$"
)


def _words(listing: str) -> frozenset[str]:
    """Word lists are kept as prose-like strings so they stay easy to read and extend."""
    return frozenset(listing.split())


NAME_CONNECTORS = _words("of for and & the on in at to The")
PARTICLES = _words(
    "van von de der den du la le da di del della des dos das ten ter "
    "Van Von De Der Den Du La Le Da Di Del Della Ten Ter"
)
# Nouns that make a run of capitalised words an organisation rather than a stray phrase.
INSTITUTION_WORDS = _words(
    "Office Department Executive Council Councils Network Commission Commissioner Inspectorate "
    "Institute Centre Center Unit Agency Government Association Society Board Committee Service "
    "Services Partnership Alliance Organisation Organization Authority Authorities Ministry Parliament "
    "Assembly University College Forum Federation Bureau Team Group Consortium Trust Foundation Fund "
    "Audit Observatory Scotland England Wales Ireland"
)
# The last word of legislation, policy and programme names, which are followed by years
# exactly as organisations are.
POLICY_WORDS = _words(
    "Act Acts Bill Order Regulations Regulation Rules Directive Convention Strategy Strategies "
    "Programme Programmes Program Programs Initiative Initiatives Agenda Plan Plans Framework Census "
    "Paper Matters Pledge Charter Standards Guidelines Statute Amendment Treaty Declaration Protocol "
    "Vision Budget Review Survey Report Conference Games Olympics Cup Election Elections"
)
# Capitalised words that are never a cited author on their own: dates, document parts, places.
NOT_NAMES = _words(
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Spring Summer Autumn Winter Easter Christmas "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Q1 Q2 Q3 Q4 "
    "Between Since In By From During Until Before After Circa Around Through Throughout Over Under "
    "Table Figure Fig Section Chapter Page Appendix Annex Part Phase Stage Year Years Wave Cohort "
    "Scotland England Wales Ireland Britain UK US USA Europe London Glasgow Edinburgh Manchester "
    "Birmingham Dundee Aberdeen Cardiff Belfast Act Acts Census Vision Agenda "
    "The A An This That These Those It We They There Here Its Their Our And Or But Of To At On For As "
    "With See Also Cf Eg Ie Up Pre Post Early Late Mid Term Session Financial Academic Calendar"
)
# Words that may open a sentence just before a name ("However Gardner (2003)") without
# making the name part of a longer title.
SENTENCE_OPENERS = _words(
    "However Similarly Moreover Furthermore Indeed Thus Hence Likewise Also Additionally Recently "
    "Finally Notably Conversely Nevertheless Nonetheless Again Both As When While Whilst Although "
    "Though Where Here In For By From With Following Unlike Like According Since But And Yet So Then "
    "Later Earlier Elsewhere Instead Meanwhile Previously Subsequently Specifically Overall Importantly "
    "Interestingly Crucially Only Even Perhaps Equally First Firstly Second Secondly Third Thirdly "
    "Lastly Accordingly Consequently Together Writing Reviewing Summarising Surveying Drawing Building "
    "Echoing Citing"
)


@dataclass(frozen=True)
class Citation:
    """One mention of a work in the text, with enough context for a person to check it."""

    surface: str
    start: int
    end: int
    authors: tuple[str, ...]
    et_al: bool
    year: str
    suffix: str = ""
    narrative: bool = False
    sentence: str = ""
    section: str = ""

    @cached_property
    def key(self) -> str:
        """The work key shared with the evidence base, so mentions of one work meet."""
        return work_key(self.authors[0], self.year, self.suffix)

    @property
    def author_label(self) -> str:
        """The author group as a reader would write it, used to show variants."""
        if self.et_al:
            return f"{self.authors[0]} et al"
        if len(self.authors) == 1:
            return self.authors[0]
        return ", ".join(self.authors[:-1]) + " & " + self.authors[-1]


@dataclass(frozen=True)
class NameFragment:
    """Names inside a citation bracket with no year of their own ("Tisdall, Wallace, McGregor").

    They are reported, never guessed into a work, because the reader cannot tell which work
    the author meant.
    """

    surface: str
    start: int
    end: int
    sentence: str = ""


class _Token(NamedTuple):
    """A word or mark before a year; a named tuple because thousands are made per megabyte."""

    kind: str
    text: str
    start: int
    end: int

    @property
    def is_capword(self) -> bool:
        return self.kind == "word" and (self.text[0].isupper() or self.text[:2] in {"O'", "O’"})

    @property
    def is_particle(self) -> bool:
        return self.kind == "word" and self.text in PARTICLES

    @property
    def is_connector(self) -> bool:
        return self.kind == "amp" or (self.kind == "word" and self.text in NAME_CONNECTORS)

    @property
    def is_conjunction(self) -> bool:
        return self.kind == "amp" or (self.kind == "word" and self.text == "and")


@dataclass(frozen=True)
class _Group:
    authors: tuple[str, ...]
    et_al: bool
    start: int


@dataclass
class _Brackets:
    """Matched round and square brackets, so any offset can be asked which bracket holds it."""

    opens: list[int] = field(default_factory=list)
    closes: list[int] = field(default_factory=list)

    @classmethod
    def scan(cls, text: str, max_span: int = 1500) -> _Brackets:
        pairs: list[tuple[int, int]] = []
        stack: list[int] = []
        for match in re.finditer(r"[()\[\]]|\n\s*\n", text):
            char = match.group()
            if char in "([":
                stack.append(match.start())
            elif char in ")]":
                if stack:
                    opened = stack.pop()
                    if match.start() - opened <= max_span:
                        pairs.append((opened, match.start()))
            else:
                stack.clear()
        pairs.sort()
        return cls([p[0] for p in pairs], [p[1] for p in pairs])

    def enclosing(self, position: int) -> tuple[int, int] | None:
        index = bisect.bisect_right(self.opens, position) - 1
        while index >= 0:
            if self.closes[index] > position:
                return self.opens[index], self.closes[index]
            if position - self.opens[index] > 1500:
                return None
            index -= 1
        return None


class _Sentences:
    """Sentence spans of the whole text, found once so each citation looks its sentence up."""

    def __init__(self, text: str, brackets: _Brackets) -> None:
        self.text = text
        self.starts = [0]
        for match in _SENTENCE_END.finditer(text):
            dot = match.start()
            if text[dot] == "." and _ABBREVIATION_BEFORE_DOT.search(text, max(0, dot - 8), dot):
                continue
            if text[dot] in ".!?" and brackets.enclosing(dot) is not None:
                continue
            self.starts.append(match.end())

    def around(self, position: int) -> str:
        index = bisect.bisect_right(self.starts, position) - 1
        start = self.starts[index]
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        return " ".join(self.text[start:end].split())


@lru_cache(maxsize=2)
def _layout(text: str) -> tuple[_Brackets, _Sentences]:
    """Brackets and sentences of a text, shared by the citation and the fragment finders."""
    brackets = _Brackets.scan(text)
    return brackets, _Sentences(text, brackets)


def _tokens(text: str, start: int, end: int) -> list[_Token]:
    return [
        _Token(m.lastgroup or "other", m.group(), m.start(), m.end())
        for m in _TOKEN.finditer(text, start, end)
    ]


def _strip_possessive(name: str) -> str:
    for ending in ("'s", "’s", "'", "’"):
        if name.endswith(ending) and len(name) > len(ending):
            return name[: -len(ending)]
    return name


def _name_back(tokens: list[_Token], index: int) -> tuple[str, int] | None:
    """Read one surname ending at `tokens[index]`, with any particles ("van Eyk")."""
    if index < 0 or not tokens[index].is_capword or tokens[index].is_particle:
        return None
    name = _strip_possessive(tokens[index].text)
    if name in NOT_NAMES or name in POLICY_WORDS or (len(name) < 2 and not name.isupper()):
        return None
    first = index
    while first - 1 >= 0 and tokens[first - 1].is_particle:
        first -= 1
    parts = [t.text for t in tokens[first:index]] + [name]
    return " ".join(parts), first


def _run_start(tokens: list[_Token], index: int) -> int:
    """The first token of the capitalised phrase that ends at `index`."""
    first = index
    while first - 1 >= 0:
        previous = tokens[first - 1]
        if previous.is_capword or previous.is_particle or previous.is_connector or previous.kind == "ordinal":
            first -= 1
        else:
            break
    while first < index and tokens[first].is_connector and tokens[first].text not in {"The"}:
        first += 1
    return first


def _organisation(tokens: list[_Token], first: int, last: int) -> str | None:
    """Name an organisation from a capitalised run, dropping sentence openers and articles."""
    words = tokens[first : last + 1]
    for position in range(len(words) - 1, -1, -1):
        if words[position].text in {"the", "The"}:
            words = words[position + 1 :]
            break
    while words and (words[0].text in SENTENCE_OPENERS or words[0].is_connector):
        words = words[1:]
    if len(words) < 2 or words[-1].is_connector:
        return None
    last_word = _strip_possessive(words[-1].text)
    if last_word in POLICY_WORDS:
        return None
    texts = [w.text for w in words[:-1]] + [last_word]
    name = " ".join(re.sub(r"(\d)\s+(st|nd|rd|th)\b", r"\1\2", t) for t in texts)
    return name


def _is_institution(tokens: list[_Token], first: int, last: int) -> bool:
    capwords = [t for t in tokens[first : last + 1] if t.is_capword]
    if len(capwords) < 2:
        return False
    return any(_strip_possessive(t.text) in INSTITUTION_WORDS for t in capwords)


def _author_group(tokens: list[_Token], *, in_brackets: bool) -> _Group | None:
    """Parse the author group that ends at the last token, or say there is none."""
    end = len(tokens) - 1
    while end >= 0 and tokens[end].text == ",":
        end -= 1
    if end < 0:
        return None
    et_al = tokens[end].kind == "etal"
    if et_al:
        end -= 1
        while end >= 0 and tokens[end].text == ",":
            end -= 1
        if end < 0:
            return None
    run_first = _run_start(tokens, end)
    if not et_al and _is_institution(tokens, run_first, end):
        name = _organisation(tokens, run_first, end)
        if name is None:
            return None
        return _Group((name,), False, _first_kept(tokens, run_first, end, name))
    last = _name_back(tokens, end)
    if last is None:
        return None
    authors = [last[0]]
    first = last[1]
    if not et_al and first - 2 >= 0 and tokens[first - 1].is_conjunction:
        before_conjunction = first - 2
        oxford_comma = tokens[before_conjunction].text == ","
        partner = _name_back(tokens, before_conjunction - 1 if oxford_comma else before_conjunction)
        if partner is not None:
            authors.insert(0, partner[0])
            first = partner[1]
            while first - 2 >= 0 and tokens[first - 1].text == ",":
                another = _name_back(tokens, first - 2)
                if another is None:
                    break
                authors.insert(0, another[0])
                first = another[1]
    if first > run_first:
        opener_words = [t for t in tokens[run_first:first] if t.is_capword or t.kind == "ordinal"]
        if not all(t.text in SENTENCE_OPENERS for t in opener_words):
            if not in_brackets or et_al or len(authors) > 1:
                return None
            name = _organisation(tokens, run_first, end)
            if name is None:
                return None
            return _Group((name,), False, _first_kept(tokens, run_first, end, name))
    return _Group(tuple(authors), et_al, tokens[first].start)


def _first_kept(tokens: list[_Token], first: int, last: int, name: str) -> int:
    leading = name.split(" ", 1)[0]
    for token in tokens[first : last + 1]:
        if token.text.startswith(leading) or (token.kind == "ordinal" and token.text[:1] == leading[:1]):
            return token.start
    return tokens[first].start


def _looks_like_citation_context(text: str, start: int) -> bool:
    """True when the group is not glued to a preceding word or number in a way names never are."""
    return start == 0 or not text[start - 1].isalnum()


def find_citations(text: str, known_surnames: Iterable[str] = ()) -> list[Citation]:
    """Every author-year citation in `text`, in order of appearance.

    `known_surnames` (for example the first authors of the reference list) lets a bare
    single-author mention such as "as Sloper 2004 found" count; without it such mentions
    are too easily confused with "Vision 2020" or "Scotland 2004".
    """
    return _Finder(text, frozenset(s.lower() for s in known_surnames)).citations()


def find_name_fragments(text: str, citations: list[Citation]) -> list[NameFragment]:
    """Author names left inside a citation bracket with no year ("Tisdall, Wallace, McGregor")."""
    brackets, sentences = _layout(text)
    by_bracket: dict[tuple[int, int], list[Citation]] = {}
    for citation in citations:
        if citation.narrative:
            continue
        bracket = brackets.enclosing(citation.start)
        if bracket is not None:
            by_bracket.setdefault(bracket, []).append(citation)
    fragments: list[NameFragment] = []
    for (opened, closed), members in sorted(by_bracket.items()):
        cursor = opened + 1
        gaps: list[tuple[int, int]] = []
        for citation in sorted(members, key=lambda c: c.start):
            gaps.append((cursor, citation.start))
            cursor = max(cursor, citation.end)
        gaps.append((cursor, closed))
        for gap_start, gap_end in gaps:
            for piece in re.finditer(r"[^;]+", text[gap_start:gap_end]):
                chunk = piece.group()
                names = re.fullmatch(
                    r"\s*[,;]?\s*((?:[A-Z][\w'’\-]+|van|von|de|&|and|,|\s)+?)\s*[,;]?\s*", chunk
                )
                if names is None or not re.search(r"[A-Z][a-z]", names.group(1)):
                    continue
                found = names.group(1)
                first_word = found.split()[0].strip(",")
                if first_word in NOT_NAMES or first_word in SENTENCE_OPENERS:
                    continue
                begin = gap_start + piece.start() + names.start(1)
                fragments.append(NameFragment(found, begin, begin + len(found), sentences.around(begin)))
    return fragments


class _Finder:
    def __init__(self, text: str, known_surnames: frozenset[str]) -> None:
        self.text = text
        self.known = known_surnames
        self.brackets, self.sentences = _layout(text)
        self.found: list[Citation] = []

    def citations(self) -> list[Citation]:
        for match in _YEAR.finditer(self.text):
            citation = self._continuation(match) or self._new_citation(match)
            if citation is not None:
                self.found.append(citation)
                self._suffix_followers(citation, match)
        return self.found

    def _year_of(self, match: re.Match[str]) -> tuple[str, str]:
        if match.group("nd"):
            return NO_DATE, ""
        return match.group("year"), match.group("suffix") or ""

    def _make(
        self, start: int, end: int, group: _Group | Citation, year: str, suffix: str, narrative: bool
    ) -> Citation:
        return Citation(
            surface=self.text[start:end],
            start=start,
            end=end,
            authors=group.authors,
            et_al=group.et_al,
            year=year,
            suffix=suffix,
            narrative=narrative,
            sentence=self.sentences.around(start),
        )

    def _continuation(self, match: re.Match[str]) -> Citation | None:
        """A year that follows a citation's year, as in "(Smith 2003, 2004)" or "2001 and 2002"."""
        if not self.found:
            return None
        previous = self.found[-1]
        previous_year_end = (
            previous.end - 1 if self.text[previous.end - 1] == ")" and previous.narrative else previous.end
        )
        gap = _CONTINUATION_GAP.fullmatch(self.text, previous_year_end, match.start())
        if gap is None:
            return None
        year, suffix = self._year_of(match)
        return self._make(match.start(), match.end(), previous, year, suffix, previous.narrative)

    def _suffix_followers(self, citation: Citation, match: re.Match[str]) -> None:
        """A suffix list like "2004a, b" names two works; add the second (and third) with the same authors."""
        if not citation.suffix:
            return
        cursor = match.end()
        while True:
            follower = _SUFFIX_ONLY.match(self.text, cursor)
            if follower is None:
                return
            suffix = follower.group("suffix")
            self.found.append(
                self._make(
                    follower.start("suffix"),
                    follower.end("suffix"),
                    citation,
                    citation.year,
                    suffix,
                    citation.narrative,
                )
            )
            cursor = follower.end()

    def _new_citation(self, match: re.Match[str]) -> Citation | None:
        year, suffix = self._year_of(match)
        text = self.text
        bracket = self.brackets.enclosing(match.start())
        if bracket is not None and text[bracket[0] + 1 : match.start()].strip() == "":
            return self._narrative(match, bracket, year, suffix)
        if not _may_end_author_group(text, match.start()):
            return None
        if bracket is not None:
            floor = _last_separator(text, bracket[0] + 1, match.start())
            group = _group_before(text, floor, match.start(), in_brackets=True)
            if group is None:
                return None
            return self._make(group.start, match.end(), group, year, suffix, narrative=False)
        group = _group_before(text, 0, match.start(), in_brackets=False)
        if group is None or not self._bare_is_plausible(group):
            return None
        return self._make(group.start, match.end(), group, year, suffix, narrative=False)

    def _bare_is_plausible(self, group: _Group) -> bool:
        if group.et_al or len(group.authors) > 1:
            return True
        return group.authors[0].lower() in self.known

    def _narrative(
        self, match: re.Match[str], bracket: tuple[int, int], year: str, suffix: str
    ) -> Citation | None:
        text = self.text
        opened = bracket[0]
        if not _may_end_author_group(text, opened):
            return None
        group = _group_before(text, 0, opened, in_brackets=False)
        if group is None:
            return None
        end = match.end()
        if text[end : end + 1] == ")":
            end += 1
        return self._make(group.start, end, group, year, suffix, narrative=True)


def _group_before(text: str, floor: int, end: int, *, in_brackets: bool) -> _Group | None:
    """The author group ending at `end`, read from a short window first.

    Most groups are a name or two, so tokenising a long window for every year would be
    waste; when the group reaches the edge of the short window it may be cut, and the
    long window decides.
    """
    group = None
    for width in (SHORT_WINDOW, MAX_GROUP_CHARS):
        start = max(floor, end - width)
        tokens = _tokens(text, start, end)
        if not tokens or text[tokens[-1].end : end].strip(" ,"):
            return None
        group = _author_group(tokens, in_brackets=in_brackets)
        if start == floor or (group is not None and not _may_extend_left(tokens, group.start)):
            break
    if group is None or not _looks_like_citation_context(text, group.start):
        return None
    return group


def _may_extend_left(tokens: list[_Token], group_start: int) -> bool:
    """Whether the token before a group could belong to it, so a longer window might change it."""
    first = next(index for index, token in enumerate(tokens) if token.start == group_start)
    if first <= 1:
        return True
    before = tokens[first - 1]
    return before.text in {",", "&"} or before.is_capword or before.is_particle or before.is_connector


def _may_end_author_group(text: str, end: int) -> bool:
    """A quick refusal before tokenising: an author group never ends in a lowercase word
    ("in 2003", "since 1997"), except "al" of "et al", nor in a number or symbol."""
    word = _WORD_BEFORE.search(text, max(0, end - 40), end)
    if word is None:
        return False
    last = word.group(1)
    if last[0].isupper() or (last[0].isdigit() and re.search(r"\d\s?(?:st|nd|rd|th)$", last)):
        return True
    return (last.rstrip(".'’s").endswith("al") and last[:1] == "a") or last[:1] == "&"


def _last_separator(text: str, start: int, end: int) -> int:
    """Start of the bracket segment that holds a year, after the last ";" before it."""
    position = text.rfind(";", start, end)
    return start if position < 0 else position + 1
