"""The web registry covers exactly the core's kinds, and the pages derive their kinds from it."""

from __future__ import annotations

from django import forms
from django.template.loader import get_template
from django.urls import reverse

from joinedup.io.structure_kinds import RECORD_KINDS, STRUCTURE_KINDS
from joinedup.web.structure.findings import CHECK_NAMES
from joinedup.web.structure.kinds import DELETABLE, WEB_KINDS, WEB_RECORDS
from joinedup.web.structure.views.delete import DELETABLE as DELETE_PAGES


def test_the_web_registry_has_one_entry_per_core_sheet_kind():
    assert list(WEB_KINDS) == list(STRUCTURE_KINDS)
    for name, kind in WEB_KINDS.items():
        assert kind.core is STRUCTURE_KINDS[name]
        assert reverse(kind.list_page, args=["any"])


def test_the_web_registry_has_one_entry_per_core_record_kind_under_its_own_sheet_kind():
    assert set(WEB_RECORDS) == set(RECORD_KINDS)
    for name, record in WEB_RECORDS.items():
        assert record.core is RECORD_KINDS[name]
        assert record.core in STRUCTURE_KINDS[record.kind].records


def test_each_record_kind_is_stored_in_a_model_reaching_the_partnership_through_its_scope():
    for record in WEB_RECORDS.values():
        field = record.model._meta.get_field(record.scope)
        if record.scope != "partnership":
            parent = field.related_model
            assert isinstance(parent, type), record.name
            parent._meta.get_field("partnership")
        for child, naming in record.children:
            assert child._meta.get_field(naming.removesuffix("_id")).related_model is record.model


def test_the_delete_pages_and_the_overview_take_their_kinds_from_the_registry():
    assert DELETE_PAGES is DELETABLE
    assert set(DELETABLE) == {name for name, record in WEB_RECORDS.items() if record.deletable}
    assert list(CHECK_NAMES) == [name for name, kind in STRUCTURE_KINDS.items() if kind.check]


def test_each_record_kinds_form_edits_its_model_and_its_detail_page_exists():
    for record in WEB_RECORDS.values():
        if record.form is not None:
            assert issubclass(record.form, forms.BaseModelForm), record.name
            assert record.form._meta.model is record.model, record.name
        if record.template is not None:
            assert get_template(record.template)
