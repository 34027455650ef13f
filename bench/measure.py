"""Timing helpers and the record every figure is reported as.

A figure is the median of several timed runs (`time.perf_counter`); ratios between two
figures are taken run by run (the two measured back to back, interleaved) and the median of
those ratios is reported, so a slow minute on the shared machine hits both sides alike.
"""

from __future__ import annotations

import importlib
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field


class Missing(Exception):
    """A figure whose piece of the engine does not exist yet: reported as n/a."""

    def __init__(self, what: str, hint: str = "") -> None:
        self.what = what
        self.hint = hint
        super().__init__(f"n/a (missing: {what})" + (f"; {hint}" if hint else ""))


@dataclass
class Figure:
    name: str
    value: float | None
    unit: str
    runs: list[float] = field(default_factory=list)
    target: str = ""
    ok: bool | None = None  # None: no target, or not measured
    note: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


def need(module: str, attr: str | None = None, hint: str = ""):
    """Import `module` (and get `attr`) or raise Missing naming it."""
    try:
        mod = importlib.import_module(module)
    except ImportError as e:
        missing = getattr(e, "name", None) or module
        raise Missing(module if missing.startswith(module.split(".")[0]) else missing, hint) from e
    if attr is None:
        return mod
    obj = mod
    for part in attr.split("."):
        if not hasattr(obj, part):
            raise Missing(f"{module}.{attr}", hint)
        obj = getattr(obj, part)
    return obj


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def timed(action: Callable[[], object]) -> tuple[float, object]:
    t0 = time.perf_counter()
    result = action()
    return time.perf_counter() - t0, result


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit in ("events/s", "articles/s"):
        return f"{value:,.0f} {unit}"
    if unit == "x":
        return f"{value:.2f}x"
    return f"{value:,.2f} {unit}"
