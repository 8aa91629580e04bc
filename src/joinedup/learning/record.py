"""Building and checking a partnership's anonymised learning record.

A record is plain JSON-ready data (the published schema is `data/learning-record.schema.json`,
printed by `joinedup learning schema`). What it may hold is deliberately narrow, so that a
record can leave the partnership without naming it or anyone in it:

- the instrument version, the nation, a size band (respondents of the round, in four wide
  bands) and the round's month, never a finer date;
- for each factor, its mean, 95% interval and band, and its change to the next round with the
  change's interval, only where the partnership's own analysis reports them (a factor the
  analysis suppresses is absent, so no figure about fewer than the minimum group travels);
- for each action, its factor, the intervention it came from, its status, the factor's change
  and the coordinator's lesson, scrubbed of names, e-mail addresses, numbers and the
  partnership's and agencies' names. The action's own wording and reference stay at home: they
  are free text that can name people;
- an opaque contributor key drawn at random once per partnership (`new_contributor_key`), so
  pooling counts a partnership once however many rounds it contributes, without saying who.

`validate_learning_record` checks a record from anywhere against the same rules, so an import
of records from another deployment is all or nothing.
"""

from __future__ import annotations

import math
import re
import secrets
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, Literal, get_args

from joinedup.evidence.ids import FACTOR_IDS

if TYPE_CHECKING:
    from joinedup.analysis.result import FactorResult, RoundResult
    from joinedup.checks.records import ActionItem

RecordFormat = Literal["joinedup-learning-record/1"]
RECORD_FORMAT: Final[str] = get_args(RecordFormat)[0]
"""The value of a record's `format` field; its number changes whenever a field changes meaning."""

Nation = Literal["scotland", "england", "wales", "northern-ireland"]
NATIONS: Final[tuple[str, ...]] = get_args(Nation)
SizeBand = Literal["under 25", "25-99", "100-249", "250+"]
SIZE_BANDS: Final[tuple[str, ...]] = get_args(SizeBand)
"""Respondents of the round, in bands wide enough that the count cannot single a partnership out."""
_SIZE_BAND_FROM: Final[tuple[tuple[int, str], ...]] = ((250, "250+"), (100, "100-249"), (25, "25-99"))

Status = Literal["not-started", "in-progress", "done", "dropped"]
STATUSES: Final[tuple[str, ...]] = get_args(Status)
"""The action plan's statuses (`checks.records.ActionStatus`; a test keeps them equal). Spelt out
so that checking records while pooling does not load the structure records module."""
INTERVENTION_ID: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""The form of an intervention id, as `checks.records.INTERVENTION_ID` (a test keeps them equal)."""
Band = Literal["strength", "borderline", "concern"]
BANDS: Final[tuple[str, ...]] = get_args(Band)
SCALE: Final[tuple[float, float]] = (1.0, 5.0)
"""The agreement scale factor means lie on."""
PRECISION: Final = 2
"""Decimals a record's figures keep: the analysis's reporting precision."""
LESSON_LENGTH: Final = 1000
"""The most characters a lesson may hold: a few sentences, not a report."""

CONTRIBUTOR_KEY = re.compile(r"[0-9a-f]{32}")
MONTH = re.compile(r"(?:19|20)\d\d-(?:0[1-9]|1[0-2])")

RECORD_FIELDS: Final = frozenset(
    {"format", "contributor", "instrument_version", "nation", "size_band", "month", "factors", "actions"}
)
FACTOR_FIELDS: Final = frozenset({"mean", "interval", "band", "change", "change_interval"})
ACTION_FIELDS: Final = frozenset({"factor", "intervention", "status", "change", "change_interval", "lesson"})


def new_contributor_key() -> str:
    """A random key for a partnership's records: 128 bits from the OS, derived from no name."""
    return secrets.token_hex(16)


def size_band(respondents: int) -> str:
    """The size band of a round with this many respondents."""
    for lowest, label in _SIZE_BAND_FROM:
        if respondents >= lowest:
            return label
    return "under 25"


def _figure(value: float) -> float:
    """Rounded, and never -0.0: PostgreSQL's jsonb has no negative zero, so a record holding one
    would come back from the database different from the record the coordinator approved."""
    return round(float(value), PRECISION) + 0.0


def _interval(bounds: tuple[float, float]) -> list[float]:
    return [_figure(bounds[0]), _figure(bounds[1])]


def _change(
    factor: FactorResult, following: FactorResult | None, round_label: str
) -> tuple[float | None, list[float] | None]:
    """The factor's change from this round to the next with its 95% interval, or (None, None).

    The engine's trend is used when the next round's result compares against this round; it is
    only there when both rounds report the factor. Otherwise, when both rounds report a mean and
    an interval, the change's interval combines the two (independent samples: half-widths add in
    quadrature), which is what the trend's Welch interval approximates.
    """
    if following is None or following.suppressed or following.mean is None or factor.mean is None:
        return None, None
    trend = following.trend
    if trend is not None and trend.previous_round == round_label and trend.ci is not None:
        return _figure(trend.change), _interval(trend.ci)
    if following.trend_withheld is not None or factor.ci is None or following.ci is None:
        return None, None
    change = following.mean - factor.mean
    half = math.hypot((factor.ci[1] - factor.ci[0]) / 2, (following.ci[1] - following.ci[0]) / 2)
    return _figure(change), _interval((change - half, change + half))


def _names_in(analysis: RoundResult, actions: Sequence[ActionItem]) -> tuple[list[str], list[str]]:
    """The partnership's and agencies' names the lessons must not carry."""
    agencies = {action.owner for action in actions}
    if analysis.responses is not None:
        agencies.update(analysis.responses.by_agency)
    return [analysis.partnership], sorted(agencies)


def _named_words(texts: Sequence[str], *, names: Sequence[str], agencies: Sequence[str]) -> set[str]:
    """Words the scrubber took for people's names anywhere in `texts`.

    The scrubber recognises "Sarah Jones" but not a later lone "Jones"; collecting the words it
    replaced with [name] in any lesson lets every lesson of the record lose them too.
    """
    from difflib import SequenceMatcher

    from joinedup.tagging.scrubbing import NAME, scrub

    found: set[str] = set()
    for text in texts:
        before = text.split()
        after = scrub(text, names=names, agencies=agencies).split()
        matcher = SequenceMatcher(a=before, b=after, autojunk=False)
        for operation, a_from, a_to, b_from, b_to in matcher.get_opcodes():
            if operation == "replace" and any(NAME in word for word in after[b_from:b_to]):
                found.update(re.sub(r"[^\w'’-]", "", word) for word in before[a_from:a_to])
    return {word for word in found if len(word) > 1}


ORGANISATION: Final = "[organisation]"
"""What a partnership's name becomes in a lesson (no word of any name, so scrubbing it again
with names split into their words leaves it alone)."""
BIDI_CONTROLS: Final = re.compile("[\u202a-\u202e\u2066-\u2069]")
"""Unicode's bidirectional controls: invisible, they can make a lesson read differently from the
characters it holds (and hide a name from whoever checks it)."""
CASELESS_AGENCY_LENGTH: Final = 4
"""Agency names this long or longer match in any case ("camhs" for CAMHS); shorter ones only as
written, so the agency "IT" or "CAN" does not erase the everyday words "it" and "can"."""


def _replace_phrases(text: str, phrases: Sequence[str], placeholder: str) -> str:
    """Each phrase as a whole, in any case, longest first (so "Hilltop Partnership" goes before
    "Hilltop" could), and before the person-name heuristic takes its words for a name."""
    for phrase in sorted({" ".join(p.split()) for p in phrases if p.strip()}, key=len, reverse=True):
        words = r"\s+".join(re.escape(word) for word in phrase.split())
        text = re.sub(rf"(?<!\w){words}(?!\w)", placeholder, text, flags=re.IGNORECASE)
    return text


def scrub_lessons(
    lessons: Mapping[str, str],
    *,
    names: Sequence[str] = (),
    agencies: Sequence[str] = (),
    partnerships: Sequence[str] = (),
) -> dict[str, str]:
    """Lessons as they may leave the partnership: bidirectional controls removed, whitespace
    tidied, cut to `LESSON_LENGTH`, every partnership's name in `partnerships` replaced as a
    whole phrase, agency names of `CASELESS_AGENCY_LENGTH` or more in any case, and scrubbed by
    the rules for quoted comments (people, e-mail addresses, numbers, postcodes, the given
    partnership and agency names), plus every word taken for a person's name in any of them, so
    a surname mentioned alone after the full name goes too. Empty lessons are dropped."""
    from joinedup.tagging.scrubbing import AGENCY, scrub

    long_agencies = [agency for agency in agencies if len(agency.strip()) >= CASELESS_AGENCY_LENGTH]
    cleaned = {
        key: " ".join(BIDI_CONTROLS.sub("", text).split())[:LESSON_LENGTH] for key, text in lessons.items()
    }
    cleaned = {
        key: _replace_phrases(_replace_phrases(text, partnerships, ORGANISATION), long_agencies, AGENCY)
        for key, text in cleaned.items()
        if text
    }
    people = _named_words(list(cleaned.values()), names=names, agencies=agencies)
    everyone = [*names, *sorted(people)]
    scrubbed = {key: scrub(text, names=everyone, agencies=agencies) for key, text in cleaned.items()}
    return {key: text for key, text in scrubbed.items() if text}


def build_learning_record(
    *,
    analysis: RoundResult,
    next_analysis: RoundResult | None,
    actions: Sequence[ActionItem],
    nation: str,
    size_band: str,
    instrument_version: str | None,
    round_month: str,
    lessons: Mapping[str, str],
    contributor: str,
) -> dict[str, Any]:
    """The anonymised learning record of one partnership's round R.

    `analysis` is the engine's result for round R, `next_analysis` for the round after it (None
    until that round has been analysed: the changes are then null). `actions` are those adopted
    for round R; an action with neither a factor nor an intervention says nothing poolable and
    is left out. `lessons` maps an action's reference to the coordinator's words, scrubbed here
    of the partnership's name, every agency named in the analysis or as an action's owner,
    people, e-mail addresses and numbers. `contributor` is the partnership's random key from
    `new_contributor_key`. Raises ValueError for a value outside the record's rules (the
    message names the field), so a bad record is never produced.
    """
    partnership_names, agency_names = _names_in(analysis, actions)
    adopted = {action.reference for action in actions}
    said = scrub_lessons(
        {key: text for key, text in lessons.items() if key in adopted},
        names=partnership_names,
        agencies=agency_names,
    )
    factors: dict[str, dict[str, Any]] = {}
    if not analysis.suppressed:
        following = {} if next_analysis is None else {f.id: f for f in next_analysis.factors}
        for factor in analysis.factors:
            if factor.suppressed or factor.mean is None or factor.ci is None or factor.band is None:
                continue
            change, change_interval = _change(factor, following.get(factor.id), analysis.round)
            factors[factor.id] = {
                "mean": _figure(factor.mean),
                "interval": _interval(factor.ci),
                "band": factor.band,
                "change": change,
                "change_interval": change_interval,
            }
    entries: list[dict[str, Any]] = []
    for action in actions:
        if action.factor is None and action.intervention is None:
            continue
        reported = factors.get(action.factor) if action.factor is not None else None
        entries.append(
            {
                "factor": action.factor,
                "intervention": action.intervention,
                "status": action.current_status.value,
                "change": None if reported is None else reported["change"],
                "change_interval": None if reported is None else reported["change_interval"],
                "lesson": said.get(action.reference),
            }
        )
    record = {
        "format": RECORD_FORMAT,
        "contributor": contributor,
        "instrument_version": instrument_version,
        "nation": nation,
        "size_band": size_band,
        "month": round_month,
        "factors": factors,
        "actions": entries,
    }
    errors = validate_learning_record(record)
    if errors:
        raise ValueError("; ".join(errors))
    return record


# --- validation ---------------------------------------------------------------------------


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _check_interval(where: str, value: object, errors: list[str], *, around: object = None) -> None:
    if not (isinstance(value, list) and len(value) == 2 and all(_is_number(v) for v in value)):
        errors.append(f"{where}: must be a list of two numbers [low, high], got {value!r}")
        return
    low, high = value
    if low > high:
        errors.append(f"{where}: low {low} is above high {high}")
    elif _is_number(around) and not low <= around <= high:
        errors.append(f"{where}: [{low}, {high}] does not contain {around}")


def _check_change(where: str, item: Mapping[str, Any], errors: list[str]) -> None:
    change, interval = item.get("change"), item.get("change_interval")
    if change is None or interval is None:
        if change is not None or interval is not None:
            errors.append(f"{where}: change and change_interval are both given or both null")
        return
    span = SCALE[1] - SCALE[0]
    if not _is_number(change) or not -span <= change <= span:
        errors.append(f"{where}.change: must be a number from {-span} to {span}, got {change!r}")
        return
    _check_interval(f"{where}.change_interval", interval, errors, around=change)


def _check_fields(where: str, item: object, fields: frozenset[str], errors: list[str]) -> bool:
    if not isinstance(item, Mapping):
        errors.append(f"{where}: must be an object, got {type(item).__name__}")
        return False
    missing, extra = sorted(fields - set(item)), sorted(set(item) - fields)
    if missing:
        errors.append(f"{where}: missing {', '.join(missing)}")
    if extra:
        errors.append(
            f"{where}: unexpected field(s) {', '.join(map(str, extra))} (a record holds nothing else)"
        )
    return not missing and not extra


def _check_choice(where: str, value: object, choices: Sequence[str], errors: list[str]) -> None:
    if value not in choices:
        errors.append(f"{where}: {value!r} is not one of {', '.join(choices)}")


def _check_factor(where: str, item: object, errors: list[str]) -> None:
    if not _check_fields(where, item, FACTOR_FIELDS, errors):
        return
    assert isinstance(item, Mapping)
    mean = item["mean"]
    if not _is_number(mean) or not SCALE[0] <= mean <= SCALE[1]:
        errors.append(f"{where}.mean: must be a number from {SCALE[0]} to {SCALE[1]}, got {mean!r}")
    else:
        _check_interval(f"{where}.interval", item["interval"], errors, around=mean)
    _check_choice(f"{where}.band", item["band"], BANDS, errors)
    _check_change(where, item, errors)


def _check_action(where: str, item: object, factors: Mapping[str, Any], errors: list[str]) -> None:
    if not _check_fields(where, item, ACTION_FIELDS, errors):
        return
    assert isinstance(item, Mapping)
    factor, intervention = item["factor"], item["intervention"]
    if factor is not None:
        _check_choice(f"{where}.factor", factor, FACTOR_IDS, errors)
    if intervention is not None and not (
        isinstance(intervention, str) and len(intervention) <= 80 and INTERVENTION_ID.fullmatch(intervention)
    ):
        errors.append(f"{where}.intervention: {intervention!r} is not an intervention id")
    if factor is None and intervention is None:
        errors.append(f"{where}: names neither a factor nor an intervention")
    _check_choice(f"{where}.status", item["status"], STATUSES, errors)
    _check_change(where, item, errors)
    if item["change"] is not None and (
        not isinstance(factors.get(factor), Mapping) or factors[factor].get("change") != item["change"]
    ):
        errors.append(f"{where}.change: must be the factor's change in `factors` (the factor reports none)")
    lesson = item["lesson"]
    if lesson is not None and not (isinstance(lesson, str) and 0 < len(lesson) <= LESSON_LENGTH):
        errors.append(f"{where}.lesson: must be null or text of 1 to {LESSON_LENGTH} characters")


_NUMBER_TYPES: Final = (float, int)
_FAR: Final = 1e9
"""Beyond any real bound: comparing against it refuses infinities (NaN fails every comparison)."""
_FACTOR_SET: Final = frozenset(FACTOR_IDS)


def _figures_sound(figures: Any, low_limit: float, high_limit: float) -> bool:
    """A number within the limits and its [low, high] interval around it, or both null."""
    value, bounds = figures
    if value is None:
        return bounds is None
    if type(value) not in _NUMBER_TYPES or type(bounds) is not list or len(bounds) != 2:
        return False
    low, high = bounds
    return (
        type(low) in _NUMBER_TYPES
        and type(high) in _NUMBER_TYPES
        and low_limit <= value <= high_limit
        and -_FAR < low <= value <= high < _FAR
    )


def _sound(obj: Any) -> bool:
    """True only for a record `validate_learning_record` accepts: a fast path, so that checking
    ten thousand records while pooling costs little; any doubt falls through to the full check,
    which names the problem. Kept in step with the full check by a test on mutated records."""
    try:
        if type(obj) is not dict or obj.keys() != RECORD_FIELDS or obj["format"] != RECORD_FORMAT:
            return False
        if (
            type(obj["contributor"]) is not str
            or not CONTRIBUTOR_KEY.fullmatch(obj["contributor"])
            or obj["nation"] not in NATIONS
            or obj["size_band"] not in SIZE_BANDS
            or type(obj["month"]) is not str
            or not MONTH.fullmatch(obj["month"])
        ):
            return False
        version = obj["instrument_version"]
        if version is not None and not (type(version) is str and 0 < len(version) <= 40):
            return False
        factors, actions = obj["factors"], obj["actions"]
        if type(factors) is not dict or type(actions) is not list:
            return False
        low_scale, high_scale = SCALE
        span = high_scale - low_scale
        for factor_id, figures in factors.items():
            if (
                factor_id not in _FACTOR_SET
                or type(figures) is not dict
                or figures.keys() != FACTOR_FIELDS
                or figures["band"] not in BANDS
                or figures["interval"] is None
                or not _figures_sound((figures["mean"], figures["interval"]), low_scale, high_scale)
                or not _figures_sound((figures["change"], figures["change_interval"]), -span, span)
            ):
                return False
        for action in actions:
            if type(action) is not dict or action.keys() != ACTION_FIELDS:
                return False
            factor_id, intervention, lesson = action["factor"], action["intervention"], action["lesson"]
            if factor_id is None and intervention is None:
                return False
            if factor_id is not None and factor_id not in _FACTOR_SET:
                return False
            if intervention is not None and not (
                type(intervention) is str
                and len(intervention) <= 80
                and INTERVENTION_ID.fullmatch(intervention)
            ):
                return False
            if action["status"] not in STATUSES or not _figures_sound(
                (action["change"], action["change_interval"]), -span, span
            ):
                return False
            if action["change"] is not None and (
                factor_id not in factors or factors[factor_id]["change"] != action["change"]
            ):
                return False
            if lesson is not None and not (type(lesson) is str and 0 < len(lesson) <= LESSON_LENGTH):
                return False
    except (TypeError, ValueError, KeyError):
        return False
    return True


def validate_learning_record(obj: object) -> list[str]:
    """Every way `obj` breaks the learning record's rules, each naming the field; [] when sound.

    Checks the fields (no more, no fewer: a stray field could carry a name), their types and
    ranges, that intervals contain their figures, that ids are known factor ids and well-formed
    intervention ids, and that an action's change is its factor's. It cannot tell whether a
    lesson names someone; records built here have their lessons scrubbed.
    """
    if _sound(obj):
        return []
    errors: list[str] = []
    if not _check_fields("record", obj, RECORD_FIELDS, errors):
        return errors
    assert isinstance(obj, Mapping)
    if obj["format"] != RECORD_FORMAT:
        errors.append(f"format: {obj['format']!r} is not {RECORD_FORMAT!r}")
    if not (isinstance(obj["contributor"], str) and CONTRIBUTOR_KEY.fullmatch(obj["contributor"])):
        errors.append(f"contributor: {obj['contributor']!r} is not a key of 32 lower-case hex digits")
    version = obj["instrument_version"]
    if version is not None and not (isinstance(version, str) and 0 < len(version) <= 40):
        errors.append(f"instrument_version: {version!r} is not null or a version of up to 40 characters")
    _check_choice("nation", obj["nation"], NATIONS, errors)
    _check_choice("size_band", obj["size_band"], SIZE_BANDS, errors)
    if not (isinstance(obj["month"], str) and MONTH.fullmatch(obj["month"])):
        errors.append(f"month: {obj['month']!r} is not a month written YYYY-MM")
    factors = obj["factors"]
    if not isinstance(factors, Mapping):
        errors.append("factors: must be an object keyed by factor id")
        factors = {}
    for factor_id, item in factors.items():
        if factor_id not in FACTOR_IDS:
            errors.append(f"factors: {factor_id!r} is not a factor id")
        else:
            _check_factor(f"factors.{factor_id}", item, errors)
    actions = obj["actions"]
    if not isinstance(actions, list):
        errors.append("actions: must be a list")
        actions = []
    for index, action in enumerate(actions):
        _check_action(f"actions[{index}]", action, factors, errors)
    return errors
