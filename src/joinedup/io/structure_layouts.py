"""The column layout of every structure sheet: one place that the readers, the writers, the
blank templates and the guide sheet all follow, so they cannot drift apart.

A record kind (roles, targets, meetings, funding, actions) is a main sheet plus companion
sheets. In a workbook they are worksheets named as below; as CSV they are one file each.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["roles", "targets", "meetings", "funding", "actions"]


@dataclass(frozen=True)
class Column:
    """`required` columns must be in the header and filled on every row; others may be left out.
    `names_agencies` columns hold member agencies' names (a list, for `agencies`), which an
    import into a partnership checks against its agencies."""

    name: str
    required: bool
    meaning: str
    names_agencies: bool = False


@dataclass(frozen=True)
class SheetLayout:
    """`agency_columns`: every header other than the named columns is a member agency, and its
    cells hold that agency's RACI letters (roles) or attendance level (meetings)."""

    name: str
    columns: tuple[Column, ...]
    meaning: str
    agency_columns: str | None = None

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    @property
    def agency_name_columns(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns if column.names_agencies)


ID_LENGTH = 40
NAME_LENGTH = 200
AGENCY_LENGTH = 120
SHORT_TEXT_LENGTH = 300
LONG_TEXT_LENGTH = 2000
TEXT_LIMITS: dict[str, int] = {
    **dict.fromkeys(
        ("reference", "meeting", "action", "line", "post", "cost", "target", "unit", "intervention"),
        ID_LENGTH,
    ),
    **dict.fromkeys(("task", "title", "source", "legal_basis", "finding", "responsible_party"), NAME_LENGTH),
    **dict.fromkeys(("agency", "owner", "reported_by", "competence"), AGENCY_LENGTH),
    **dict.fromkeys(("measure", "description", "what", "success_measure"), SHORT_TEXT_LENGTH),
    **dict.fromkeys(("note", "decisions", "agencies", "funded_by"), LONG_TEXT_LENGTH),
}
"""The most characters a text cell of each column may hold, by column name (a name means the
same on every sheet); the web app's fields store exactly these lengths, so whatever a sheet
import accepts can be stored."""


def _col(name: str, meaning: str, *, required: bool = False, agency: bool = False) -> Column:
    return Column(name, required, meaning, agency)


ROLES = SheetLayout(
    "roles",
    (
        _col("task", "the function or task, e.g. single point of contact for referrals", required=True),
        _col("competence", "the competence an agency needs to be responsible (R) for the task"),
    ),
    "The responsibility matrix: one row per task, one column per member agency.",
    agency_columns="R, A, C or I (A/R for both accountable and responsible), or blank",
)
COMPETENCES = SheetLayout(
    "competences",
    (
        _col("agency", "a member agency named as in the roles sheet", required=True, agency=True),
        _col("competence", "a competence the agency declares", required=True),
    ),
    "Competences agencies declare: one row per agency and competence.",
)
TARGETS = SheetLayout(
    "targets",
    (
        _col("reference", "a short unique id, e.g. T1", required=True),
        _col("title", "what the target is about", required=True),
        _col("measure", "exactly what is counted"),
        _col("unit", "e.g. %, days, children"),
        _col("polarity", "higher or lower (which direction is better)"),
        _col("baseline", "the starting value"),
        _col("baseline_date", "the date of the starting value"),
        _col("target", "the value to reach"),
        _col("target_date", "the date to reach it by"),
        _col("owner", "the agency that owns the target", agency=True),
        _col("responsible_party", "who acts if progress is unsatisfactory"),
    ),
    "Joint targets: one row per target.",
)
READINGS = SheetLayout(
    "readings",
    (
        _col("target", "the target's reference", required=True),
        _col("as_of", "the date the value describes", required=True),
        _col("value", "the value of the measure", required=True),
        _col("reported_by", "the partner agency reporting it; blank for the agreed figure", agency=True),
        _col("note", "the story behind the curve"),
    ),
    "Readings over time: one row per target, date and reporter.",
)
MEETINGS = SheetLayout(
    "meetings",
    (
        _col("meeting", "a short unique id, e.g. B12", required=True),
        _col("date", "the date it was held", required=True),
        _col("type", "board, operational or team-around-the-child", required=True),
        _col("decisions", "the decisions made, one per line (or separated by ;)"),
    ),
    "Meetings and who attended: one row per meeting, one column per member agency.",
    agency_columns="strategic, manager or practitioner for the level it attended at; blank if absent",
)
MEETING_ACTIONS = SheetLayout(
    "meeting_actions",
    (
        _col("meeting", "the meeting's id", required=True),
        _col("action", "the action's id, the same at every meeting it comes back to", required=True),
        _col("description", "what is to be done", required=True),
        _col("status", "raised, carried-over or done at this meeting", required=True),
        _col("owner", "the agency that owns the action", agency=True),
    ),
    "Actions raised, carried over or closed: one row per meeting and action.",
)
FUNDING_LINES = SheetLayout(
    "funding_lines",
    (
        _col("line", "a short unique id, e.g. F1", required=True),
        _col("source", "where the money comes from, e.g. Supporting Families grant", required=True),
        _col("agency", "the contributing agency", required=True, agency=True),
        _col("amount_per_year", "the amount per year", required=True),
        _col("mechanism", "pooled, aligned, single-agency or grant", required=True),
        _col("certainty", "recurring, time-limited or bid", required=True),
        _col("legal_basis", "e.g. NHS Act 2006 s75"),
        _col("start", "the date the money starts"),
        _col("end", "the date the money stops; blank if open-ended"),
    ),
    "Funding lines: one row per line.",
)
POSTS = SheetLayout(
    "posts",
    (
        _col("post", "a short unique id, e.g. P1", required=True),
        _col("title", "the post's title", required=True),
        _col("agency", "the employing agency", required=True, agency=True),
        _col("funded_by", "the funding lines' ids, separated by ;", required=True),
        _col("contract", "permanent or fixed-term", required=True),
        _col("end", "the contract's end date (fixed-term posts)"),
    ),
    "Posts: one row per post.",
)
UNFUNDED_COSTS = SheetLayout(
    "unfunded_costs",
    (
        _col("cost", "a short unique id, e.g. U1", required=True),
        _col("description", "the cost or service with no agreed payer", required=True),
        _col("amount_per_year", "the estimated amount per year"),
        _col("agencies", "the agencies concerned, separated by ;", agency=True),
        _col("note", "where the discussion stands"),
    ),
    "Costs or services with no agreed payer: one row each.",
)
ACTIONS = SheetLayout(
    "actions",
    (
        _col("action", "a short unique id, e.g. AP3", required=True),
        _col("what", "what will be done", required=True),
        _col("owner", "the agency that owns it", required=True, agency=True),
        _col("status", "not-started, in-progress, done or dropped", required=True),
        _col("due", "the due date"),
        _col("factor", "the factor id it addresses, e.g. accountability"),
        _col("finding", "the finding it addresses"),
        _col("success_measure", "how the partnership will know it worked"),
        _col("created_on", "the date the action entered the plan"),
        _col("intervention", "the evidence base's intervention id it was accepted from, e.g. joint-training"),
    ),
    "The action plan: one row per action.",
)
ACTION_UPDATES = SheetLayout(
    "action_updates",
    (
        _col("action", "the action's id", required=True),
        _col("date", "the date of the update", required=True),
        _col("status", "not-started, in-progress, done or dropped", required=True),
        _col("note", "what changed"),
    ),
    "Dated updates to actions: one row per update.",
)

SHEETS: dict[Kind, tuple[SheetLayout, ...]] = {
    "roles": (ROLES, COMPETENCES),
    "targets": (TARGETS, READINGS),
    "meetings": (MEETINGS, MEETING_ACTIONS),
    "funding": (FUNDING_LINES, POSTS, UNFUNDED_COSTS),
    "actions": (ACTIONS, ACTION_UPDATES),
}
"""The sheets of each kind, main sheet first; the rest of each kind (parser, writer, check) is
declared beside it in `structure_kinds`."""
KINDS: tuple[Kind, ...] = tuple(SHEETS)
