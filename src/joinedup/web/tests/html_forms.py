"""Reading links, forms and choice options out of a page, as a browser would see them.

The partition tests follow what the app offers rather than a list written by hand, so a new
link, form or choice is walked without anyone remembering to add it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Option:
    """One thing a person can pick: an <option>, a checkbox or a radio button."""

    field: str
    value: str
    label: str = ""


@dataclass
class Form:
    action: str
    method: str
    enctype: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    """What the browser would send as the form stands: name and value, in page order."""
    empty: list[tuple[str, str]] = field(default_factory=list)
    """Text boxes left empty and choices with nothing picked: (name, type)."""
    choices: dict[str, list[str]] = field(default_factory=dict)
    """Every value each select, checkbox or radio name can take."""
    files: list[str] = field(default_factory=list)

    def data(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for name, value in self.fields:
            out.setdefault(name, []).append(value)
        return out


@dataclass
class Page:
    links: list[str] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)
    options: list[Option] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.form: Form | None = None
        self.select: str | None = None
        self.select_values: list[tuple[str, bool]] = []
        self.option: dict[str, str | None] | None = None
        self.textarea: str | None = None
        self.text: list[str] = []
        self.labels: dict[str, list[str]] = {}
        self.label_for: str | None = None
        self.ids: dict[str, Option] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "option":
            self._option(dict(attrs))
            return
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.page.links.append(a["href"])
        elif tag == "form":
            self.form = Form(
                action=a.get("action", ""),
                method=a.get("method", "get").lower(),
                enctype=a.get("enctype", ""),
            )
            self.page.forms.append(self.form)
        elif tag == "input":
            self._input(a)
        elif tag == "select":
            self.select, self.select_values = a.get("name", ""), []
        elif tag == "textarea":
            self.textarea, self.text = a.get("name", ""), []
        elif tag == "label":
            self.label_for, self.text = a.get("for"), []

    def _option(self, a: dict[str, str | None]) -> None:
        if self.select is not None:
            self.option = {"value": a.get("value"), "selected": "selected" if "selected" in a else ""}
            self.text = []

    def _input(self, a: dict[str, str]) -> None:
        kind, name, value = a.get("type", "text").lower(), a.get("name", ""), a.get("value", "")
        if kind in {"checkbox", "radio"} and "value" not in a:
            value = "on"  # what a browser sends for a box without a value
        if kind in {"checkbox", "radio"}:
            option = Option(name, value)
            self.page.options.append(option)
            if a.get("id"):
                self.ids[a["id"]] = option
        if self.form is None or not name or kind in {"submit", "button", "image", "reset"}:
            return
        if kind in {"checkbox", "radio"}:
            self.form.choices.setdefault(name, []).append(value)
            if "checked" in a:
                self.form.fields.append((name, value))
        elif kind == "file":
            self.form.files.append(name)
        else:
            self.form.fields.append((name, value))
            if not value and kind != "hidden":
                self.form.empty.append((name, kind))

    def handle_data(self, data: str) -> None:
        if self.option is not None or self.textarea is not None or self.label_for is not None:
            self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "option" and self.option is not None and self.select is not None:
            label = " ".join("".join(self.text).split())
            value = label if self.option["value"] is None else self.option["value"]
            self.select_values.append((value, bool(self.option["selected"])))
            self.page.options.append(Option(self.select, value, label))
            self.option = None
        elif tag == "select" and self.select is not None:
            if self.form is not None and self.select:
                values = [v for v, _ in self.select_values]
                self.form.choices[self.select] = values
                chosen = [v for v, selected in self.select_values if selected] or values[:1]
                self.form.fields.extend((self.select, v) for v in chosen)
                if not chosen or chosen == [""]:
                    self.form.empty.append((self.select, "select"))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            value = "".join(self.text).strip("\n")
            if self.form is not None and self.textarea:
                self.form.fields.append((self.textarea, value))
                if not value:
                    self.form.empty.append((self.textarea, "textarea"))
            self.textarea = None
        elif tag == "label" and self.label_for is not None:
            option = self.ids.get(self.label_for)
            if option is not None:
                option.label = " ".join("".join(self.text).split())
            self.label_for = None
        elif tag == "form":
            self.form = None


def parse(html: str) -> Page:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.page
