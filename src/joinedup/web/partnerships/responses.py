"""Responses between the database and the core's responses frame.

The analysis, the reports and the exports all work on the frame described in
`joinedup.instrument.responses`; this module is the one place that turns stored
`Response` rows into that frame and a frame read from a file into stored rows, so
that the web app and the command line feed the core exactly the same data.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
from django.db import transaction
from django.utils import timezone

from joinedup.instrument import Instrument
from joinedup.instrument.responses import (
    COMMENT_PREFIX,
    ID_COLUMNS,
    INVITATION_COLUMNS,
)
from joinedup.io.survey_import import ImportFailed, ImportResult
from joinedup.io.tables import RowError

from .models import ImportBatch, Response, Round

_BULK_SIZE = 1000


def _instruments(rounds: Sequence[Round]) -> list[Instrument]:
    return [a_round.instrument() for a_round in rounds]


def frame_columns(instruments: Sequence[Instrument]) -> tuple[list[str], list[str]]:
    """Item and comment columns of one or more instrument versions, in bank order, without repeats."""
    items = list(dict.fromkeys(item_id for instrument in instruments for item_id in instrument.item_ids()))
    comments = list(dict.fromkeys(c for instrument in instruments for c in instrument.comment_columns()))
    return items, comments


def frame_for_rounds(rounds: Iterable[Round]) -> pd.DataFrame:
    """Every stored response of `rounds`, one row each, in the order they were stored.

    `partnership` is the partnership's slug and `round` the round's name, so frames
    from several partnerships or rounds can be stacked and still told apart.
    """
    rounds = list(rounds)
    item_ids, comment_columns = frame_columns(_instruments(rounds))
    factors = [column.removeprefix(COMMENT_PREFIX) for column in comment_columns]
    records: list[list[object]] = []
    for a_round in rounds:
        slug = a_round.partnership.slug
        stored = a_round.responses.order_by("pk").values_list(
            "agency__name", "role_group", "answers", "comments"
        )
        for agency, role_group, answers, comments in stored.iterator(chunk_size=_BULK_SIZE):
            records.append(
                [
                    slug,
                    a_round.name,
                    agency,
                    role_group,
                    *(float(answers[i]) if answers.get(i) is not None else math.nan for i in item_ids),
                    *(comments.get(factor) or None for factor in factors),
                ]
            )
    frame = pd.DataFrame.from_records(records, columns=[*ID_COLUMNS, *item_ids, *comment_columns])
    return frame.astype(
        {
            **dict.fromkeys([*ID_COLUMNS, *comment_columns], "str"),
            **dict.fromkeys(item_ids, "float64"),
        }
    )


def invitations_frame(rounds: Iterable[Round]) -> pd.DataFrame:
    """How many people each agency invited, kept apart from the answers.

    Links without an agency, or whose number invited was never recorded, say
    nothing about a response rate and are left out.
    """
    records = [
        [a_round.partnership.slug, a_round.name, invitation.agency.name, invitation.invited]
        for a_round in rounds
        for invitation in a_round.invitations.select_related("agency").order_by("agency__name")
        if invitation.agency is not None and invitation.invited is not None
    ]
    frame = pd.DataFrame.from_records(records, columns=list(INVITATION_COLUMNS))
    return frame.astype({"partnership": "str", "round": "str", "agency": "str", "invited": "int64"})


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value == ""


def _answer_matrix(frame: pd.DataFrame, item_ids: Sequence[str]) -> np.ndarray:
    """Answers as floats, blanks as NaN; the reader has coded every answer, so nothing else can remain."""
    if not item_ids:
        return np.empty((len(frame), 0))
    return np.column_stack([pd.to_numeric(frame[i], errors="coerce").to_numpy(dtype=float) for i in item_ids])


MIXED_SOURCES = (
    "This round already has answers sent through its survey links. Import into a new round: "
    "mixing imported rows with survey answers could reveal small groups."
)


class MixedSources(Exception):
    """The round already has survey answers, so it cannot take an imported file as well."""


def store_import(a_round: Round, result: ImportResult) -> ImportBatch:
    """Store what the core's reader read into `a_round`, all or none, under the one-source rule.

    `result` comes from `read_responses` (or `read_frame`), which has already checked every
    agency, role group, answer and column and said what was wrong with which cell; nothing is
    checked twice here, so a refusal always carries the reader's message. The reader must be
    given the round's instrument and its partnership's agencies (`known_agencies`).

    A round takes its answers from one source (see `Round.has_imports`); the round is locked
    so that a survey answer cannot arrive between the check and the import. The import page,
    `joinedup-manage import` and the demo all store through here. Raises `MixedSources`, or
    `ImportFailed` when skipping bad rows left none to store.

    The `partnership` and `round` columns are not stored: the responses belong to the round
    they are imported into, which is what lets one round's export seed another.
    """
    if result.frame.empty:
        raise ImportFailed([RowError(result.file, None, None, None, "has no responses left to import")])
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=a_round.pk)
        if locked.has_survey_answers():
            raise MixedSources(MIXED_SOURCES)
        return _store_rows(locked, result)


def _store_rows(a_round: Round, result: ImportResult) -> ImportBatch:
    """One import batch and one response per row of the reader's frame, in one transaction."""
    frame = result.frame
    instrument = a_round.instrument()
    agencies = {agency.name: agency for agency in a_round.partnership.agencies.all()}
    item_ids, comment_columns = frame_columns([instrument])
    item_ids = [item_id for item_id in item_ids if item_id in frame.columns]
    comment_columns = [column for column in comment_columns if column in frame.columns]
    answers = _answer_matrix(frame, item_ids)
    today = timezone.localdate()
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            round=a_round,
            filename=result.file,
            source_format=result.source_format,
            rows=len(frame),
            imported_on=today,
        )
        Response.objects.bulk_create(
            (
                Response(
                    round=a_round,
                    agency=agencies[values["agency"]],
                    role_group=values["role_group"],
                    submitted_on=today,
                    answers={i: int(v) for i, v in zip(item_ids, row, strict=True) if not math.isnan(v)},
                    comments={
                        c.removeprefix(COMMENT_PREFIX): str(values[c])
                        for c in comment_columns
                        if not _is_blank(values[c])
                    },
                    import_batch=batch,
                )
                for values, row in zip(
                    frame[["agency", "role_group", *comment_columns]].to_dict("records"),
                    answers.tolist(),
                    strict=True,
                )
            ),
            batch_size=_BULK_SIZE,
        )
    return batch
