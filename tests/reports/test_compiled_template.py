"""The report template's shipped compiled form: current, rendering the same, never stale.

A report no longer compiles its Jinja template on every run (issue 13): it runs the module
`python -m joinedup.reports.compile_template` wrote. These tests hold that module to the
template, show the report renders the same either way, and that an edited template wins.
"""

import importlib.util
import shutil
from importlib import resources

import pytest
from jinja2 import FileSystemLoader

from joinedup.reports import html
from joinedup.reports.compile_template import main as compile_main
from joinedup.reports.data import ReportData


@pytest.fixture
def fresh_template():
    """Forget the per-process template before and after, so each test makes it itself."""
    html.report_template.cache_clear()
    yield
    html.report_template.cache_clear()


def _shipped_text() -> str:
    spec = importlib.util.find_spec(html.COMPILED_TEMPLATE_MODULE)
    assert spec is not None and spec.loader is not None
    source = spec.loader.get_source(html.COMPILED_TEMPLATE_MODULE)
    assert source is not None
    return source


def test_the_shipped_compiled_template_is_current():
    assert _shipped_text() == html.compiled_template_text(), (
        "the report template, its environment or Jinja changed: "
        "run `python -m joinedup.reports.compile_template`"
    )


def test_the_command_writes_what_is_shipped(tmp_path, capsys):
    out = tmp_path / "compiled.py"
    compile_main(["--out", str(out)])
    assert out.read_text(encoding="utf-8") == _shipped_text()
    assert str(out) in capsys.readouterr().out


def test_the_report_uses_the_shipped_form_without_compiling(monkeypatch, fresh_template):
    environment = html._environment()

    def refuse(*args, **kwargs):
        raise AssertionError("the report template was compiled at run time")

    monkeypatch.setattr(environment, "compile", refuse)
    template = html.report_template()
    assert template.filename == str(resources.files("joinedup.reports") / "templates" / "report.html.j2")
    assert template.root_render_func.__code__.co_filename == template.filename


def test_the_shipped_form_renders_the_report_as_compiling_does(report_data: ReportData, fresh_template):
    context = html.report_context(report_data)
    shipped = html.report_template().render(context)
    compiled = html._environment().from_string(
        html._environment().loader.get_source(html._environment(), html.REPORT_TEMPLATE)[0]
    )
    assert shipped == compiled.render(context)


def test_an_edited_template_is_compiled_instead_of_the_stale_shipped_form(
    report_data: ReportData, tmp_path, monkeypatch, fresh_template
):
    folder = tmp_path / "templates"
    shutil.copytree(str(resources.files("joinedup.reports") / "templates"), folder)
    template_file = folder / html.REPORT_TEMPLATE
    template_file.write_text(
        template_file.read_text(encoding="utf-8").replace("<html", "<!-- edited -->\n<html", 1),
        encoding="utf-8",
    )
    environment = html._environment()
    monkeypatch.setattr(environment, "loader", FileSystemLoader(folder))
    environment.cache.clear()
    try:
        template = html.report_template()
        assert template.filename == str(template_file)
        assert "<!-- edited -->\n<html" in template.render(html.report_context(report_data))
    finally:
        environment.cache.clear()
