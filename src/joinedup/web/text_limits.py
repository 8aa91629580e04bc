"""Text fields whose length the database enforces, the same way on SQLite and PostgreSQL.

SQLite ignores `varchar(200)`, so a 10,000-character task name was stored there, while
PostgreSQL refused it with a `DataError` the views did not expect (a 500). The fields here
store text in an unbounded column and add a check constraint, `length(column) <= max_length`,
to their model: both databases then refuse an over-long value with the same
`IntegrityError`, and a form built from the field refuses it first with a GOV.UK message
("Task name must be 200 characters or fewer"), so a person never meets the constraint.
"""

from __future__ import annotations

from typing import Any

from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual


class BoundedText(models.Field):
    """What the bounded fields share: an unbounded column, the check constraint, the form message."""

    def db_type(self, connection: Any) -> str:
        return "text"

    def contribute_to_class(self, cls: type[models.Model], name: str, private_only: bool = False) -> None:
        super().contribute_to_class(cls, name, private_only)
        self._add_length_check(cls)

    def formfield(self, **kwargs: Any) -> Any:
        field = super().formfield(**kwargs)
        if field is None or self.max_length is None:
            return field
        label = field.label or self.name.replace("_", " ").capitalize()
        message = f"{label} must be {self.max_length} characters or fewer"
        field.validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
        field.validators.append(MaxLengthValidator(self.max_length, message=message))
        return field

    def _add_length_check(self, cls: type[models.Model]) -> None:
        """Once per model: the migration framework renders models from states that already hold it."""
        meta = cls._meta
        name = f"{meta.db_table}_{self.column}_length"
        if meta.abstract or self.max_length is None or any(c.name == name for c in meta.constraints):
            return
        words = self.name.replace("_", " ")
        check = models.CheckConstraint(
            condition=LessThanOrEqual(Length(self.name), self.max_length),
            name=name,
            violation_error_message=f"{words} must be {self.max_length} characters or fewer",
        )
        meta.constraints = [*meta.constraints, check]
        meta.original_attrs["constraints"] = meta.constraints


class TextLine(BoundedText, models.CharField):
    """A single line a person types (a name, a title, a reference): a text input in forms."""


class TextBlock(BoundedText, models.TextField):
    """Prose a person types (a note, a description, a lesson): a text area in forms."""

    def __init__(self, *args: Any, max_length: int, **kwargs: Any) -> None:
        kwargs["max_length"] = max_length
        super().__init__(*args, **kwargs)


class EmailLine(BoundedText, models.EmailField):
    """An e-mail address a person types, bounded like a `TextLine`."""
