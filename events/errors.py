"""One error root for the whole engine; the CLI turns each into one line on stderr."""

from __future__ import annotations


class TimelineError(Exception):
    """Root of every error the engine raises on purpose."""


class ArticleError(TimelineError, ValueError):
    """An input file that cannot become an article (empty, binary, undated under --strict...)."""

    def __init__(self, origin: str, reason: str, fix: str = "") -> None:
        self.origin = origin
        self.reason = reason
        self.fix = fix
        message = f"{origin}: {reason}"
        if fix:
            message += f"; {fix}"
        super().__init__(message)


class NormalizationError(TimelineError, ValueError):
    """A money amount, quantity or period that cannot be read."""


class UnknownEntityError(TimelineError, LookupError):
    """A name, alias or ticker that the entity registry does not know."""

    def __init__(self, name: str, suggestions: list[str] | None = None) -> None:
        self.name = name
        self.suggestions = suggestions or []
        message = f"unknown entity {name!r}"
        if self.suggestions:
            message += "; did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
        else:
            message += "; run `timeline entities` to list the known ones"
        super().__init__(message)


class EventNotFoundError(TimelineError, LookupError):
    """An event id that is not in the log."""


class InvalidEventError(TimelineError, ValueError):
    """A hand-written or imported event that does not match the contract."""


class StoreError(TimelineError):
    """The log cannot be opened, written or read (locked, read-only, full, newer schema)."""


class IntegrityError(StoreError):
    """The log's invariants or hash chain do not hold."""
