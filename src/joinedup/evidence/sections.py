"""Split a review into sections by its headings.

Reviews arrive as plain text more often than as structured documents, so headings are
recognised by their shape: a short line standing on its own between blank lines (or
marked with "#"), without the full stop that ends a sentence. Numbered headings ("5.",
"5.2") give their own depth; an unnumbered heading under a numbered one is taken to be
its subsection, which is how the seed review's themes sit under "5. What Works?".
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_LINE = re.compile(r"[^\n]*(?:\n|$)")
_MARKDOWN = re.compile(r"^(#{1,6})\s+(.+?)\s*#*$")
_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(\S.*)$")
_REFERENCES = re.compile(
    r"^(?:\d{1,2}\.?\s+)?(references|reference list|bibliography|works cited|literature cited|sources)\s*:?$",
    re.IGNORECASE,
)
MAX_HEADING_WORDS = 14
MAX_HEADING_CHARS = 120


@dataclass(frozen=True)
class Section:
    """A heading and the span of text it governs, up to the next heading of any depth."""

    heading: str
    level: int
    start: int
    body_start: int
    end: int
    path: tuple[str, ...]
    is_references: bool = False

    def body(self, text: str) -> str:
        return text[self.body_start : self.end]


@dataclass(frozen=True)
class _Line:
    text: str
    start: int
    end: int

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def _lines(text: str) -> list[_Line]:
    lines = []
    for match in _LINE.finditer(text):
        if match.start() == len(text):
            break
        lines.append(_Line(match.group().rstrip("\n"), match.start(), match.end()))
    return lines


def _heading_shape(line: str) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_HEADING_CHARS or len(stripped.split()) > MAX_HEADING_WORDS:
        return False
    if stripped[-1] in ".,;" and not _NUMBERED.match(stripped):
        return False
    if not (stripped[0].isupper() or stripped[0].isdigit()):
        return False
    if re.search(r"\([^)]*\b(?:1[6-9]|20)\d\d", stripped):
        return False
    return stripped.count("(") == stripped.count(")")


def find_headings(text: str) -> list[tuple[_Line, str, int | None]]:
    """The heading lines, with their visible text and explicit depth when the text gives one."""
    lines = _lines(text)
    headings: list[tuple[_Line, str, int | None]] = []
    for index, line in enumerate(lines):
        stripped = line.text.strip()
        markdown = _MARKDOWN.match(stripped)
        if markdown:
            headings.append((line, markdown.group(2), len(markdown.group(1))))
            continue
        before_blank = index == 0 or lines[index - 1].blank
        after = lines[index + 1] if index + 1 < len(lines) else None
        after_blank = after is None or after.blank
        if not (before_blank and _heading_shape(line.text)):
            continue
        if after_blank or _REFERENCES.match(stripped):
            numbered = _NUMBERED.match(stripped)
            depth = numbered.group(1).count(".") + 1 if numbered else None
            if _REFERENCES.match(stripped):
                depth = 1
            headings.append((line, stripped, depth))
    return headings


def split_sections(text: str) -> list[Section]:
    """The sections of `text` in order; text before the first heading becomes an untitled section.

    A heading with no text of its own directly before another heading is the document's
    title (or a part heading) and only appears in the paths of what follows it.
    """
    headings = find_headings(text)
    sections: list[Section] = []
    stack: list[tuple[int, str]] = []
    last_numbered_depth = 0
    first_body = headings[0][0].start if headings else len(text)
    if text[:first_body].strip():
        sections.append(Section("", 1, 0, 0, first_body, ()))
    for position, (line, heading, explicit) in enumerate(headings):
        if explicit is not None:
            level = explicit
            if _NUMBERED.match(heading) or line.text.lstrip().startswith("#"):
                last_numbered_depth = explicit
        else:
            level = last_numbered_depth + 1
        next_start = headings[position + 1][0].start if position + 1 < len(headings) else len(text)
        while stack and stack[-1][0] >= level:
            stack.pop()
        path = (*(name for _, name in stack), heading)
        stack.append((level, heading))
        if not text[line.end : next_start].strip():
            continue
        sections.append(
            Section(
                heading=heading,
                level=level,
                start=line.start,
                body_start=line.end,
                end=next_start,
                path=path,
                is_references=bool(_REFERENCES.match(heading)),
            )
        )
    return sections


@dataclass(frozen=True)
class FactorText:
    """What a factor is called and what its absence and presence look like."""

    id: str
    name: str
    barrier: str
    facilitator: str


@dataclass(frozen=True)
class FactorProposal:
    factor: str
    confidence: float


def _word_set(listing: str) -> frozenset[str]:
    return frozenset(listing.split())


_STOPWORDS = _word_set(
    "a an and are as at be been being between both but by can each for from has have in into is it its "
    "of on or other such that the their them there these they this those to was were which while who "
    "with within without not no all also more most than very often well being only same what when where "
    "how why any some may might will would should could one two three"
)
_WORD = re.compile(r"[a-z][a-z\-]+")
_SUFFIXES = (
    "ational",
    "ations",
    "ation",
    "ities",
    "ity",
    "ments",
    "ment",
    "ings",
    "ing",
    "ness",
    "ies",
    "ed",
    "es",
    "s",
    "al",
    "ive",
    "ly",
)


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _terms(text: str) -> list[str]:
    words = [w for w in _WORD.findall(text.lower()) if w not in _STOPWORDS]
    return [_stem(part) for word in words for part in word.split("-") if len(part) > 2]


class FactorMatcher:
    """Proposes the factors a section is about from the words it shares with each factor.

    Each factor is described by its name (three times) and its barrier and facilitator;
    words are weighted by how few factors use them, so "working" or "integrated" decide
    nothing. Sections are scored paragraph by paragraph, with the heading counted three
    times in each, because a broad section ("Key Success Factors") treats one factor per
    paragraph and a whole-section score would keep only the loudest.
    """

    def __init__(
        self, factors: list[FactorText], *, relative_cut: float = 0.7, minimum: float = 0.15
    ) -> None:
        self.ids = [factor.id for factor in factors]
        self.relative_cut = relative_cut
        self.minimum = minimum
        factor_terms = [_terms(" ".join([f.name] * 3 + [f.barrier, f.facilitator])) for f in factors]
        document_frequency: dict[str, int] = {}
        for terms in factor_terms:
            for term in set(terms):
                document_frequency[term] = document_frequency.get(term, 0) + 1
        count = len(factors)
        self.weight = {term: math.log((1 + count) / (1 + df)) + 1 for term, df in document_frequency.items()}
        self.vectors = [self._vector(terms) for terms in factor_terms]

    def _vector(self, terms: list[str]) -> dict[str, float]:
        counts: dict[str, int] = {}
        for term in terms:
            if term in self.weight:
                counts[term] = counts.get(term, 0) + 1
        vector = {term: (1 + math.log(n)) * self.weight[term] for term, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in vector.values()))
        return {term: value / norm for term, value in vector.items()} if norm else {}

    def scores(self, heading: str, text: str) -> list[float]:
        """Cosine similarity of the heading-weighted text with every factor, in `ids` order."""
        section = self._vector(_terms(" ".join([heading] * 3 + [text])))
        return [
            sum(value * factor.get(term, 0.0) for term, value in section.items()) for factor in self.vectors
        ]

    def propose(self, heading: str, body: str) -> list[FactorProposal]:
        """Factor ids with a confidence (cosine similarity, 0 to 1), best first."""
        best: dict[str, float] = {}
        for paragraph in re.split(r"\n\s*\n", body):
            if not paragraph.strip():
                continue
            scores = self.scores(heading, paragraph)
            top = max(scores, default=0.0)
            for factor_id, score in zip(self.ids, scores, strict=True):
                if score >= self.minimum and score >= self.relative_cut * top:
                    best[factor_id] = max(best.get(factor_id, 0.0), score)
        return sorted((FactorProposal(f, round(c, 3)) for f, c in best.items()), key=lambda p: -p.confidence)
