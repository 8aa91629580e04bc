"""The Typer application and its command groups, shared by the command modules.

Kept apart from `__init__` so that each command module can import the group it
registers on without importing the others.
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Callable, Iterator, MutableMapping, Sequence
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperGroup, TyperOption

from joinedup.cli._common import EXIT_CODES_HELP

if TYPE_CHECKING:
    from typer import _click  # Typer's own copy of click, whose Context its groups parse with

SETUP = "Set up: evidence and instrument"
DATA = "Data: check and analyse responses"
REPORTS = "Reports: findings and reports"
STRUCTURE = "Structure: roles, targets, meetings and funding"
TEXT = "Text: comments and tagging"
LEARNING = "Learning across partnerships"


class _Deferred(type):
    """A class that stands for one in a module not yet imported, and imports it on first use.

    Calling it, or reading any attribute of it (`Traceback.from_exception`), gives the real class's.
    """

    _load: Callable[[], type]

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        return cls._load()(*args, **kwargs)

    def __getattr__(cls, name: str) -> Any:
        return getattr(cls._load(), name)


def _stand_in(module: str, names: Sequence[str]) -> types.ModuleType:
    """A module holding a `_Deferred` class for each of `names` of the real `module`."""
    stand_in = types.ModuleType(module)
    for name in names:

        def load(name: str = name) -> type:
            real: type = getattr(importlib.import_module(module), name)
            return real

        setattr(stand_in, name, _Deferred(name, (), {"_load": staticmethod(load)}))
    return stand_in


# What typer.rich_utils imports at its top but uses only for Markdown help (we write none) and for
# tracebacks of crashes: together with what they pull in (markdown_it, pygments) about 40 ms of the
# 0.2 s `joinedup --help` took.
_DEFERRED_FOR_HELP = {"rich.markdown": ("Markdown",), "rich.traceback": ("Traceback",)}


def _import_help_renderer() -> None:
    """Import Typer's Rich help renderer with the Rich modules it needs only rarely deferred.

    The stand-ins are in `sys.modules` only while `typer.rich_utils` is imported, so any other
    import of rich.markdown or rich.traceback gets the real module. Should a later Typer import
    something else from them, the import is retried the ordinary way: slower, never wrong.
    """
    if "typer.rich_utils" in sys.modules:
        return
    added = [module for module in _DEFERRED_FOR_HELP if module not in sys.modules]
    for module in added:
        sys.modules[module] = _stand_in(module, _DEFERRED_FOR_HELP[module])
    try:
        importlib.import_module("typer.rich_utils")
    except ImportError:
        pass  # imported again below, after the stand-ins are gone
    finally:
        for module in added:
            del sys.modules[module]
    importlib.import_module("typer.rich_utils")


class CommandGroup(TyperGroup):
    """A command group whose help costs no more than it needs to.

    Typer checks every parameter value a parser produces through a pydantic `TypeAdapter`, except a
    flag whose value is already a bool. A group's help flag has no default, so the group above the
    command being asked for (`joinedup` in `joinedup analyse --help`) checked None, which imported
    pydantic and built an adapter: about 0.1 s of the 0.3 s that `joinedup <command> --help` took.
    Here the help flag is False unless given.
    """

    def get_help_option(self, ctx: _click.Context) -> TyperOption | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.default = False
        return option

    def main(self, args: Sequence[str] | None = None, *more: Any, **options: Any) -> Any:
        """Run the command line; when it asks for help (or is empty), load the help renderer lean."""
        given = sys.argv[1:] if args is None else args
        if not given or "--help" in given:
            _import_help_renderer()
        return super().main(args, *more, **options)


class _CommandsMadeOnUse(MutableMapping[str, "_click.Command"]):
    """A lazy group's commands: its modules are imported and its commands made on the first look."""

    def __init__(self, group: str, commands: MutableMapping[str, _click.Command]) -> None:
        self._group = group
        self._commands = commands
        self._made = False

    def _all(self) -> MutableMapping[str, _click.Command]:
        if not self._made:
            self._made = True
            from typer.main import get_command_from_info

            group_app, modules = _LAZY_GROUPS[self._group]
            for module in modules:
                importlib.import_module(module)
            for info in group_app.registered_commands:
                command = get_command_from_info(
                    info,
                    pretty_exceptions_short=app.pretty_exceptions_short,
                    rich_markup_mode=app.rich_markup_mode,
                )
                if command.name:
                    self._commands.setdefault(command.name, command)
        return self._commands

    def __getitem__(self, name: str) -> _click.Command:
        return self._all()[name]

    def __setitem__(self, name: str, command: _click.Command) -> None:
        self._all()[name] = command

    def __delitem__(self, name: str) -> None:
        del self._all()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


class LazyCommandGroup(CommandGroup):
    """A command group whose modules are imported only when the group itself is used.

    `joinedup --help` and every command outside the group need only its name, help and panel,
    which are here in `_app`; importing its modules and making its commands (Typer reads every
    parameter of every command) cost a tenth of `joinedup --help`. Anything that looks at the
    group's commands (running one, its help, a test walking `commands`) makes them first.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = _CommandsMadeOnUse(self.name or "", self.commands)


app = typer.Typer(
    name="joinedup",
    cls=CommandGroup,
    help="Self-assessment, evidence and action planning for integrated children's services.",
    no_args_is_help=True,
    add_completion=False,
    epilog=EXIT_CODES_HELP,
)
evidence_app = typer.Typer(
    cls=LazyCommandGroup,
    help="The evidence base: factors, works, claims, interventions.",
    no_args_is_help=True,
)
instrument_app = typer.Typer(
    cls=LazyCommandGroup,
    help="The self-assessment item bank and blank response sheets.",
    no_args_is_help=True,
)
check_app = typer.Typer(
    cls=LazyCommandGroup,
    help="Structural checks on roles, targets, meetings and funding.",
    no_args_is_help=True,
)
tag_app = typer.Typer(
    help="Tag free-text comments with factor ids.", invoke_without_command=True, no_args_is_help=False
)
learning_app = typer.Typer(
    cls=LazyCommandGroup,
    help="Learning across partnerships: anonymised records, pooled benchmarks and practice evidence.",
    no_args_is_help=True,
)
app.add_typer(evidence_app, name="evidence", rich_help_panel=SETUP)
app.add_typer(instrument_app, name="instrument", rich_help_panel=SETUP)
app.add_typer(check_app, name="check", rich_help_panel=STRUCTURE)
app.add_typer(tag_app, name="tag", rich_help_panel=TEXT)
app.add_typer(learning_app, name="learning", rich_help_panel=LEARNING)

# Each lazy group by name: its Typer app and the modules that register its commands on it. (The tag
# group is made with the rest: its module sets the group's own class, which must be known first.)
_LAZY_GROUPS: dict[str, tuple[typer.Typer, tuple[str, ...]]] = {
    "evidence": (evidence_app, ("joinedup.cli.evidence", "joinedup.cli.evidence_extract")),
    "instrument": (instrument_app, ("joinedup.cli.instrument",)),
    "check": (check_app, ("joinedup.cli.checks",)),
    "learning": (learning_app, ("joinedup.cli.learning",)),
}
