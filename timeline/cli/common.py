"""What every command shares: the --db and --json options, output helpers, error handling.

Errors: a `TimelineError` becomes one line `Error: <message>` on stderr and exit 1; no
traceback unless `--debug` (or `$TIMELINE_DEBUG=1`).
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, TypeVar

import msgspec
import typer
from rich.console import Console

from events.errors import TimelineError

# Piped or redirected, tables keep whole ids, dates and names (rich would squeeze them into
# 80 columns); $COLUMNS still wins, and a terminal uses its own width.
PIPED_WIDTH = 160
console = Console(width=None if sys.stdout.isatty() or "COLUMNS" in os.environ else PIPED_WIDTH)
err_console = Console(stderr=True)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="The log file. Default: $TIMELINE_DB, else ./timeline.db.",
        envvar="TIMELINE_DB",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print only JSON on stdout, for scripts.")]
DebugOption = Annotated[
    bool, typer.Option("--debug", help="Show the full traceback on errors.", hidden=True)
]

F = TypeVar("F", bound=Callable[..., Any])
# Click's exception classes as typer raises them (recent typer vendors its own click).
_CLICK = {cls.__name__: cls for cls in typer.BadParameter.__mro__}
UsageError: type[Exception] = _CLICK["UsageError"]
ClickException: type[Exception] = _CLICK["ClickException"]
_encoder = msgspec.json.Encoder(order="deterministic")


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one error line on stderr and return the Exit to raise."""
    err_console.print(f"[bold red]Error:[/] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def handles_errors(fn: F) -> F:
    """Turn engine errors into one clear line and a non-zero exit."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except TimelineError as e:
            if os.environ.get("TIMELINE_DEBUG") or kwargs.get("debug"):
                raise
            raise fail(str(e)) from None
        except BrokenPipeError:  # `timeline events --json | head`: the reader had enough
            with contextlib.suppress(OSError, ValueError):  # no real stdout under a test runner
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(0) from None
        except OSError as e:
            if os.environ.get("TIMELINE_DEBUG") or kwargs.get("debug"):
                raise
            raise fail(
                f"{e.filename or ''}: {e.strerror or e}; check the path and permissions"
            ) from None
        except (typer.Exit, typer.Abort, ClickException):
            raise  # the CLI's own exits and usage errors, printed by `timeline.cli`
        except Exception as e:  # a bug: still one line, the traceback on request
            if os.environ.get("TIMELINE_DEBUG") or kwargs.get("debug"):
                raise
            raise fail(
                f"internal error ({type(e).__name__}: {e}); this is a bug in timeline: "
                "run again with TIMELINE_DEBUG=1 for the traceback, and report it"
            ) from None

    return wrapper  # type: ignore[return-value]


def print_json(value: Any) -> None:
    """Deterministic JSON on stdout (msgspec Structs, attrs results via to_dict, plain data)."""
    sys.stdout.write(_encoder.encode(_plain(value)).decode() + "\n")


def _plain(value: Any) -> Any:
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


# The years articles are read in (events.articles.dates reads no date outside them).
ARTICLE_YEARS = range(1900, 2101)


def parse_date(value: str | None, option: str, years: range | None = None) -> str | None:
    """Validate an ISO 8601 date option; a clear error names the option (and the years
    allowed, for options such as --published whose dates must be ones articles carry)."""
    if value is None:
        return None
    try:
        day = date.fromisoformat(value[:10]) if len(value) >= 10 else None
    except ValueError:
        day = None
    if day is None:
        return _bad(value, option)
    if years is not None and day.year not in years:
        raise typer.BadParameter(
            f"{value!r} is outside the years {years.start}-{years.stop - 1} "
            "that articles are read in; check the year",
            param_hint=option,
        )
    return day.isoformat()


def _bad(value: str, option: str) -> str:
    raise typer.BadParameter(f"{value!r} is not an ISO date; use YYYY-MM-DD", param_hint=option)
