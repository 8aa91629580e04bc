"""The shape of response data shared by the importers, the analysis and the reports.

A responses frame has one row per anonymous response and these columns:

- the identifier columns `partnership`, `round`, `agency`, `role_group` (strings);
- one column per item id holding a float: 1 to 5 on the agreement scale,
  `DONT_KNOW` (0.0) for "don't know / not applicable", NaN when not answered;
- optional free-text columns named `comment_<factor id>`;
- an optional `round_opens` column: the date the round opened (YYYY-MM-DD), which
  orders rounds for trends, since round names ("March 2026 review") do not sort by time.

Invitations (how many people each agency was asked) travel in a separate frame
with `partnership`, `round`, `agency`, `invited`, so that they are never joined
to an answer.
"""

from __future__ import annotations

ID_COLUMNS: tuple[str, ...] = ("partnership", "round", "agency", "role_group")
ROUND_OPENS = "round_opens"
INVITATION_COLUMNS: tuple[str, ...] = ("partnership", "round", "agency", "invited")
COMMENT_PREFIX = "comment_"
DONT_KNOW = 0.0
SCALE_MIN = 1
SCALE_MAX = 5
SCALE_LABELS: dict[int, str] = {
    1: "Strongly disagree",
    2: "Disagree",
    3: "Neither agree nor disagree",
    4: "Agree",
    5: "Strongly agree",
}
DONT_KNOW_LABEL = "Don't know / not applicable"
DONT_KNOW_CODE = "DK"
MIN_GROUP_SIZE = 5
