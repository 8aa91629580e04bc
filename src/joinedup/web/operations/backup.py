"""Backups of one partnership or of everything, as Django serialisation, restorable anywhere.

A backup is read in one transaction (REPEATABLE READ on PostgreSQL, SQLite's single read
snapshot), so a survey sent while it runs is either wholly in it or wholly out. It is JSON in
Django's serialisation format, with users and content types referred to by natural key (user
name, app and model), so it loads into SQLite or PostgreSQL alike, whatever ids those tables have there.

One partnership's rows are found by walking foreign keys from the partnership down (agencies,
rounds, responses, structure records, comments, their history) and up to what they refer to
(the users who are members or wrote history). Left out on purpose: survey drafts (answers in
progress, deleted after a day by design), sessions, sign-in attempts (addresses), task results,
and stored report data and its version counters, derived and rebuilt from the rows kept.

Restoring keeps every row's id, so links between rows and the history stay exact; a row already
here exactly as backed up is left alone, any other row whose id is taken makes the whole restore
refuse (naming the tables) before anything is written, and a user whose name already exists is
the same person and is not written again (a group of the same name likewise).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.test.utils import override_settings

FORMAT_VERSION = 1
SCOPED_APPS = {"partnerships", "survey", "structure", "reporting", "comments", "evidence_browser", "accounts"}
LEFT_OUT = {
    "survey.surveydraft",
    "reporting.storedreportdata",
    "reporting.reportbuild",
    "reporting.dataversion",
}


class RestoreRefused(Exception):
    """The backup cannot be loaded here without overwriting rows that already exist."""


def _scoped_models() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in SCOPED_APPS and model._meta.label_lower not in LEFT_OUT
    ]


def _partnership_rows(partnership_ids: set[int]) -> dict[type[models.Model], set[Any]]:
    """Primary keys of every scoped row that belongs to the partnerships, walking reverse keys."""
    partnership_model = apps.get_model("partnerships", "Partnership")
    found: dict[type[models.Model], set[Any]] = {partnership_model: set(partnership_ids)}
    scoped = _scoped_models()
    changed = True
    while changed:
        changed = False
        for model in scoped:
            conditions = models.Q(pk__in=[])
            for field in model._meta.concrete_fields:
                target = field.related_model
                if isinstance(target, type) and found.get(target):
                    conditions |= models.Q(**{f"{field.attname}__in": found[target]})
            instance_type = getattr(model, "instance_type", None)  # simple_history's own row id
            if (
                isinstance(instance_type, type)
                and issubclass(instance_type, models.Model)
                and found.get(instance_type)
            ):
                conditions |= models.Q(**{f"{instance_type._meta.pk.attname}__in": found[instance_type]})
            pks = set(model._default_manager.filter(conditions).values_list("pk", flat=True))
            if not pks <= found.get(model, set()):
                found[model] = found.get(model, set()) | pks
                changed = True
    return found


def _ordered(found: dict[type[models.Model], set[Any]]) -> list[models.Model]:
    """Groups, then users, then each model's rows in id order; the loader defers key checks anyway."""
    rows: list[models.Model] = []
    for model in sorted(found, key=lambda m: (m is not Group, m is not get_user_model(), m._meta.label)):
        rows.extend(model._default_manager.filter(pk__in=found[model]).order_by("pk"))
    return rows


def _referenced_users(found: dict[type[models.Model], set[Any]]) -> set[Any]:
    user_model = get_user_model()
    users: set[Any] = set()
    for model, pks in found.items():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is user_model:
                values = model._default_manager.filter(pk__in=pks).values_list(field.attname, flat=True)
                users |= {value for value in values if value is not None}
    return users


def make_backup(partnership_slugs: Iterable[str] | None = None) -> str:
    """The backup as JSON text: every scoped row (None) or only the named partnerships'."""
    partnership_model = apps.get_model("partnerships", "Partnership")
    # Only the outermost transaction can choose its isolation level; inside a caller's
    # transaction (a test, or a command run within one) that transaction's snapshot applies.
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        if partnership_slugs is None:
            found = {
                model: set(model._default_manager.values_list("pk", flat=True)) for model in _scoped_models()
            }
            found[get_user_model()] = set(get_user_model()._default_manager.values_list("pk", flat=True))
            scope: list[str] | str = "all"
        else:
            wanted = list(partnership_slugs)
            ids = dict(partnership_model._default_manager.filter(slug__in=wanted).values_list("slug", "pk"))
            unknown = sorted(set(wanted) - set(ids))
            if unknown:
                raise partnership_model.DoesNotExist(f"no partnership with the slug {', '.join(unknown)}")
            found = _partnership_rows(set(ids.values()))
            found[get_user_model()] = _referenced_users(found)
            scope = sorted(ids)
        found[Group] = set(
            get_user_model()
            .groups.through._default_manager.filter(user_id__in=found[get_user_model()])
            .values_list("group_id", flat=True)
        )
        found = {model: pks for model, pks in found.items() if pks}
        rows = _ordered(found)
        data = serializers.serialize("python", rows, use_natural_foreign_keys=True)
    return json.dumps(
        {"joinedup_backup": FORMAT_VERSION, "scope": scope, "objects": data},
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
    )


def restore_backup(text: str) -> dict[str, int]:
    """Load a backup in one transaction; returns rows written per model. Raises `RestoreRefused`."""
    document = json.loads(text)
    if document.get("joinedup_backup") != FORMAT_VERSION:
        raise RestoreRefused("this file is not a joinedup backup of a version this installation reads")
    user_model = get_user_model()
    written: dict[str, int] = {}
    # The backup holds the history itself: restoring must not write more (simple_history records
    # many-to-many changes even for raw saves, which would take ids the backup's history holds).
    with override_settings(SIMPLE_HISTORY_ENABLED=False), transaction.atomic():
        existing_users = set(user_model._default_manager.values_list(user_model.USERNAME_FIELD, flat=True))
        existing_groups = set(Group.objects.values_list("name", flat=True))
        same = _already_here(document["objects"])
        touched: set[type[models.Model]] = set()
        # Lazily, in the file's order (users first), so that a row naming a user by user name
        # finds the user restored just before it.
        for item in serializers.deserialize("python", document["objects"]):
            row = item.object
            model = type(row)
            if (model._meta.label_lower, row.pk) in same:
                continue
            if isinstance(row, AbstractBaseUser | Group):
                if (
                    row.get_username() in existing_users
                    if isinstance(row, AbstractBaseUser)
                    else row.name in existing_groups
                ):
                    continue
                row.pk = None  # other rows name users and groups by name, not id
            item.save()
            touched.add(model)
            written[model._meta.label] = written.get(model._meta.label, 0) + 1
        connection.check_constraints(table_names=[model._meta.db_table for model in touched])
        _reset_sequences(touched)
    return written


def _already_here(objects: list[dict[str, Any]]) -> set[tuple[str, Any]]:
    """(model, id) of rows present here exactly as in the backup, which a restore leaves alone
    (the history of a deleted partnership stays behind, for one). Raises `RestoreRefused` if any
    row id is taken by a different row, before anything is written."""
    by_model: dict[str, dict[Any, dict[str, Any]]] = {}
    for entry in objects:
        if apps.get_model(entry["model"]) not in (get_user_model(), Group):
            by_model.setdefault(entry["model"], {})[entry["pk"]] = entry
    same: set[tuple[str, Any]] = set()
    clashes: dict[str, int] = {}
    for label, entries in by_model.items():
        model = apps.get_model(label)
        existing = model._default_manager.filter(pk__in=list(entries))
        for row in serializers.serialize("python", existing, use_natural_foreign_keys=True):
            if _comparable(row) == _comparable(entries[row["pk"]]):
                same.add((label, row["pk"]))
            else:
                clashes[model._meta.label] = clashes.get(model._meta.label, 0) + 1
    if clashes:
        listed = ", ".join(f"{label} ({count})" for label, count in sorted(clashes.items()))
        raise RestoreRefused(
            f"different rows with these ids already exist here: {listed}. Restore into an empty "
            "database (after `joinedup-manage migrate`), or delete that partnership here first."
        )
    return same


def _comparable(row: dict[str, Any]) -> str:
    return json.dumps(row, cls=DjangoJSONEncoder, sort_keys=True)


def _reset_sequences(touched: set[type[models.Model]]) -> None:
    """So that the next row inserted after a restore does not reuse a restored id (PostgreSQL)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(touched))
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
