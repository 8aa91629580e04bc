"""The item bank in another language: the same statements, read in the respondent's language.

A translation replaces only the words a respondent reads (statements, scale labels, comment
prompts and the page headings); ids, factors and reverse scoring are always the bank's own, so
an answer given in Welsh is the same item, on the same scale, as one given in English and the
analysis never needs to know which language it was given in.

Translations live beside the bank as `data/translations/items-v<N>.<language>.yaml`. A file
says who has checked it (`review`): a translation nobody fluent has reviewed is still shipped,
because a partnership in Wales must be able to offer Welsh, but the coordinator's docs say so.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from joinedup.instrument.bank import InstrumentError, load_instrument
from joinedup.instrument.bundled import parse_yaml
from joinedup.instrument.model import Instrument, Scale
from joinedup.instrument.reference import NATIONS, RoleGroup, load_role_group_list

LANGUAGE_NAMES = {"en": "English", "cy": "Cymraeg"}
"""Each language in its own name, as a language switcher shows it."""


class BankTranslation(BaseModel):
    """One version of the bank in one language, keyed by the ids of the original."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: str = Field(pattern=r"^[0-9]+$")
    language: str = Field(pattern=r"^[a-z]{2}$")
    review: str = Field(min_length=10)
    """Who has checked the wording, or that nobody fluent has yet."""
    scale: Scale
    factor_names: dict[str, str]
    comment_prompts: dict[str, str]
    items: dict[str, str]


class RoleGroupTranslation(BaseModel):
    """Role group names, and examples in the nation's own terms, in one language."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    language: str = Field(pattern=r"^[a-z]{2}$")
    review: str = Field(min_length=10)
    names: dict[str, str]
    examples: dict[str, dict[str, str]]
    """Examples by nation, then by role group id; a nation not listed keeps its English examples."""


def _path(name: str) -> resources.abc.Traversable:
    return resources.files("joinedup.instrument") / "data" / "translations" / name


def translation_exists(version: str, language: str) -> bool:
    return _path(f"items-v{version}.{language}.yaml").is_file()


@cache
def load_bank_translation(version: str, language: str) -> BankTranslation:
    """The translation of bank `version`, checked against that version item by item."""
    name = f"items-v{version}.{language}.yaml"
    if not translation_exists(version, language):
        raise InstrumentError(f"instrument version {version!r} has no {language!r} translation ({name})")
    try:
        translation = BankTranslation.model_validate(parse_yaml(_path(name).read_text(encoding="utf-8")))
    except ValidationError as error:
        raise InstrumentError(f"{name} is not a valid translation: {error}") from error
    if translation.language != language:
        raise InstrumentError(
            f"{name} declares language {translation.language!r}; the file name says {language!r}"
        )
    check_translation(translation, load_instrument(version), name)
    return translation


def check_translation(translation: BankTranslation, instrument: Instrument, name: str) -> None:
    """Refuse a translation that does not cover exactly the statements, prompts and factors of
    `instrument`: a missing statement would reach a respondent in the wrong language, an unknown
    id would be a statement nobody can score."""
    problems = []
    if translation.version != instrument.version:
        problems.append(f"it translates version {translation.version!r}")
    for what, ours, theirs in (
        ("statements", set(translation.items), set(instrument.item_ids())),
        ("comment prompts", set(translation.comment_prompts), set(instrument.comment_prompts)),
        ("factor names", set(translation.factor_names), {item.factor for item in instrument.items}),
    ):
        if ours != theirs:
            problems.append(
                f"{what} missing for {sorted(theirs - ours)}, unknown ids {sorted(ours - theirs)}"
            )
    if problems:
        raise InstrumentError(
            f"{name} does not match version {instrument.version} of the bank: " + "; ".join(problems)
        )


def translated_instrument(instrument: Instrument, language: str) -> Instrument:
    """`instrument` with every text a respondent reads in `language`; "en" is the bank itself."""
    if language == "en":
        return instrument
    translation = load_bank_translation(instrument.version, language)
    return instrument.model_copy(
        update={
            "scale": translation.scale,
            "comment_prompts": dict(translation.comment_prompts),
            "items": [
                item.model_copy(update={"text": translation.items[item.id]}) for item in instrument.items
            ],
        }
    )


def factor_names(version: str, language: str) -> dict[str, str]:
    """Page headings in `language` for bank `version` (empty for "en": the evidence base names them)."""
    if language == "en":
        return {}
    return dict(load_bank_translation(version, language).factor_names)


@cache
def load_role_group_translation(language: str) -> RoleGroupTranslation:
    name = f"role_groups.{language}.yaml"
    if not _path(name).is_file():
        raise InstrumentError(f"role groups have no {language!r} translation ({name})")
    try:
        translation = RoleGroupTranslation.model_validate(parse_yaml(_path(name).read_text(encoding="utf-8")))
    except ValidationError as error:
        raise InstrumentError(f"{name} is not a valid translation: {error}") from error
    ids = {group.id for group in load_role_group_list().role_groups}
    problems = []
    if set(translation.names) != ids:
        problems.append(f"names missing for {sorted(ids - set(translation.names))}")
    for nation, examples in translation.examples.items():
        if nation not in NATIONS:
            problems.append(f"unknown nation {nation!r}")
        elif unknown := sorted(set(examples) - ids):
            problems.append(f"{nation} examples for unknown role groups {unknown}")
    if problems:
        raise InstrumentError(f"{name} does not match role_groups.yaml: " + "; ".join(problems))
    return translation


def translated_role_groups(groups: list[RoleGroup], language: str, nation: str | None) -> list[RoleGroup]:
    """`groups` named in `language`, with that language's examples for `nation` where it has them
    (elsewhere the nation's own English titles stay: they are the posts' official names)."""
    if language == "en":
        return groups
    translation = load_role_group_translation(language)
    examples = translation.examples.get(nation or "", {})
    return [
        group.model_copy(
            update={"name": translation.names[group.id], "examples": examples.get(group.id, group.examples)}
        )
        for group in groups
    ]


__all__ = [
    "LANGUAGE_NAMES",
    "BankTranslation",
    "RoleGroupTranslation",
    "check_translation",
    "factor_names",
    "load_bank_translation",
    "load_role_group_translation",
    "translated_instrument",
    "translated_role_groups",
    "translation_exists",
]
