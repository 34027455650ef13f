"""One fact stated twice in an article is one event.

Two drafts are the same fact when type, entity and `when` agree and their key fields (per
type, below) do not contradict each other, with at least one of them present in both (or
none in either). The merged draft keeps the richer payload, fills its gaps from the other,
and keeps the evidence of the draft that stated the most (the first one on a tie).
"""

from __future__ import annotations

import math
from typing import Any

import msgspec

from events.extract.rules.base import Draft
from events.values import Money, Quantity

__all__ = ["KEY_FIELDS", "merge_drafts"]

KEY_FIELDS: dict[str, tuple[str, ...]] = {
    "share_buyback": ("shares", "amount", "program_amount", "program_total_shares"),
    "insider_trade": ("person", "direction", "shares", "amount"),
    "product_launch": ("product", "stage"),
    "guidance": ("metric", "period", "value", "segment"),
    "analyst_rating": ("firm",),
    "stock_price": ("listing", "close"),
    "capital_flow": ("channel", "net"),
    "block_trade": ("shares", "price"),
    "operating_result": ("metric", "period", "value", "segment"),
    "milestone": ("kind",),
    "plan": ("metric", "value", "period", "description"),
    "dividend": ("per_share", "kind"),
    "stock_split": ("ratio_from", "ratio_to"),
    "acquisition": ("target", "stage"),
    "contract": ("counterparty",),
}
_ACTION_RANK = {
    "new": 0,
    "maintain": 0,
    "reiterated": 1,
    "raised": 2,
    "lowered": 2,
    "initiate": 1,
    "upgrade": 2,
    "downgrade": 2,
}


def _norm(value: Any) -> Any:
    if isinstance(value, Money):
        return ("money", round(value.amount, 6), value.currency)
    if isinstance(value, Quantity):
        return ("qty", round(value.value, 6))
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, str):
        return " ".join(value.lower().split())
    return value


def _same(a: Any, b: Any) -> bool:
    a, b = _norm(a), _norm(b)
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9)
    return a == b


_DEFAULTS: dict[type, dict[str, Any]] = {}


def _defaults(data: Any) -> dict[str, Any]:
    """Each data class's field defaults, computed once (msgspec's field introspection is slow)."""
    cls = type(data)
    cached = _DEFAULTS.get(cls)
    if cached is not None:
        return cached
    out = {}
    for f in msgspec.structs.fields(cls):
        if f.default is not msgspec.NODEFAULT:
            out[f.name] = f.default
        elif f.default_factory is not msgspec.NODEFAULT:
            out[f.name] = f.default_factory()
    _DEFAULTS[cls] = out
    return out


def _set_fields(data: Any) -> dict[str, Any]:
    defaults = _defaults(data)
    return {
        name: value
        for name, value in msgspec.structs.asdict(data).items()
        if name not in defaults or value != defaults[name]
    }


def _compatible(a: Draft, b: Draft) -> bool:
    if a.type != b.type or a.entity != b.entity or a.when.label != b.when.label:
        return False
    fa, fb = _set_fields(a.data), _set_fields(b.data)
    shared = 0
    for key in KEY_FIELDS.get(a.type, ()):
        if key in fa and key in fb:
            if key == "description" and "metric" in fa and "metric" in fb:
                continue  # plans with a metric compare by metric and value, not wording
            if not _same(fa[key], fb[key]):
                return False
            shared += 1
    keys = KEY_FIELDS.get(a.type, ())
    return shared > 0 or not any(k in fa or k in fb for k in keys)


def _merge(a: Draft, b: Draft) -> Draft:
    fa, fb = _set_fields(a.data), _set_fields(b.data)
    primary, other = (a, b) if len(fa) >= len(fb) else (b, a)
    fields = _set_fields(primary.data)
    for name, value in _set_fields(other.data).items():
        if name == "action" and name in fields:
            if _ACTION_RANK.get(value, 0) > _ACTION_RANK.get(fields[name], 0):
                fields[name] = value
        elif name not in fields:
            fields[name] = value
    data = type(primary.data)(**fields)
    return Draft(
        primary.type,
        data,
        primary.when,
        primary.rule,
        primary.entity,
        primary.anchor,
        primary.sentence,
        primary.span,
        primary.default_when and other.default_when,
    )


def merge_drafts(drafts: list[Draft]) -> list[Draft]:
    """Drafts with duplicates merged, in the order their first statement appears."""
    out: list[Draft] = []
    for d in drafts:
        for i, kept in enumerate(out):
            if _compatible(kept, d):
                out[i] = _merge(kept, d)
                break
        else:
            out.append(d)
    return out
