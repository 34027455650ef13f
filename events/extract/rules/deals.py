"""Deals: acquisitions (announced, completed, terminated) and contracts won or signed.

The acquirer is the clause's subject company; the target is the name after "acquire",
"acquisition of", "stake in" (the trailing proper name of that phrase: "U.S. software maker
Altair Engineering" → "Altair Engineering"). Talk of deals ("is considering a bid", "could
pursue") emits nothing.
"""

from __future__ import annotations

import re

from events.extract.attribution import clause_bounds
from events.extract.context import SentenceView
from events.extract.rules.base import Draft, rule
from events.extract.rules.common import statement_when
from events.model import AcquisitionData, ContractData
from events.values import Money

__all__ = ["RULES"]

_ACQ = re.compile(
    r"\b(?P<done>completed|closed|finali[sz]ed)\s+(?:its|the)\s+(?:\$?[\w.,]+\s+)?(?:acquisition|"
    r"purchase|takeover)\s+of\b"
    r"|\b(?P<had>had|has|have)\s+acquired\b"
    r"|\b(?P<term>terminated|abandoned|called off|scrapped|walked away from|ended)\s+(?:its|"
    r"the|an?)\s+(?:\w+\s+){0,2}?"
    r"(?:agreement|deal|offer|bid|plan|talks)\s+(?:to\s+(?:acquire|buy|purchase)|for)\b"
    r"|\b(?P<ann>agreed to (?:acquire|buy|purchase)|(?:will|to) acquire|announced (?:an? )?(?:deal|"
    r"agreement) to (?:acquire|buy)"
    r"|(?:deal|agreement|offer) to (?:acquire|buy)|agreed to take over)\b"
    r"|\b(?P<acq>acquired)\b",
    re.IGNORECASE,
)
_TARGET_PHRASE = re.compile(
    r"\s*(?:(?:a|an|the)\s+)?(?:(?:majority|minority|controlling|remaining)\s+)?"
    r"(?:(?P<pct>\d{1,3}(?:\.\d+)?)\s?(?:%|percent)\s+)?(?:stake\s+in\s+)?(?P<phrase>(?:[^,;.()]|"
    r"(?<=\b[A-Z])\.){2,90}?)"
    r"(?=\s+(?:for|in|at|on|from|after|with|valuing|worth|paying|,)\b|[,;(]|(?<!\b[A-Z])\.|$)",
    re.IGNORECASE,
)
_PROPER = re.compile(r"(?:[A-Z][\w&'\u2019.-]*(?:\s+(?:&\s+)?[A-Z][\w&'\u2019.-]*)*)\s*$")
_STAKE = re.compile(
    r"(?P<pct>\d{1,3}(?:\.\d+)?)\s?(?:%|percent)\s+stake\b|\b(?P<maj>majority) stake\b",
    re.IGNORECASE,
)


def _target(text: str, start: int) -> tuple[str | None, float | None]:
    m = _TARGET_PHRASE.match(text, start)
    if m is None:
        return None, None
    phrase = m["phrase"].strip()
    phrase = re.sub(
        r"^(?:a|an|the)\s+(?:(?:majority|minority|controlling)\s+)?stake\s+in\s+",
        "",
        phrase,
        flags=re.IGNORECASE,
    )
    proper = _PROPER.search(phrase)
    name = proper.group(0).strip() if proper else None
    if not name or name.lower() in {"the", "it"}:
        name = None
    pct = float(m["pct"]) if m["pct"] else None
    return name, pct


def _deal_amount(view: SentenceView, lo: int, hi: int) -> Money | None:
    for mm in view.money:
        if not lo <= mm.start < hi:
            continue
        tail = view.text[mm.end : mm.end + 14]
        if re.match(r"\s*(?:per|a)\s+share", tail, re.IGNORECASE):
            continue
        if mm.money.amount >= 1e6:
            return mm.money
    return None


@rule(
    "deal.acquisition",
    _ACQ.pattern,
    keywords=(
        "acqui",
        "purchase",
        "takeover",
        "take over",
        "terminat",
        "abandon",
        "called off",
        "scrapped",
        "walked away",
        "ended",
    ),
)
def acquisition(view: SentenceView, m: re.Match[str]) -> Draft | None:
    text = view.text
    if view.hedged(m.start(), strict=False) or view.negated(max(0, m.start() - 20), m.start()):
        return None
    if re.search(
        r"\b(?:shares|stock)\b", text[m.end() : m.end() + 30], re.IGNORECASE
    ) and not re.search(r"stake", text[m.end() : m.end() + 30], re.IGNORECASE):
        return None
    if m["done"] or m["had"] or m["acq"]:
        stage = "completed"
    elif m["term"]:
        stage = "terminated"
    else:
        stage = "announced"
    if m["acq"] and re.search(
        r"\b(?:was|were|been|be|is)\s+$", text[max(0, m.start() - 8) : m.start()]
    ):
        return None  # passive "was acquired by": the target is the subject
    target, pct = _target(text, m.end())
    if target is None:
        return None
    lo, hi = clause_bounds(text, m.start())
    stake = _STAKE.search(text, m.end(), min(hi, m.end() + 60))
    if pct is None and stake is not None and stake["pct"]:
        pct = float(stake["pct"])
    entity = view.entity_at(m.start())
    if entity is None or any(mm.slug == entity and mm.text in target for mm in view.mentions):
        return None
    day = view.explicit_day if stage != "announced" else None
    when, default = (day, False) if day else statement_when(view)
    return Draft(
        "acquisition",
        AcquisitionData(
            target=target,
            acquirer=view.ctx.registry.get(entity).name
            if entity in view.ctx.registry.entities
            else None,
            stake_pct=pct,
            amount=_deal_amount(view, lo, len(text)),
            stage=stage,
        ),  # type: ignore[arg-type]
        when,
        entity=entity,
        anchor=m.start(),
        default_when=default,
    )


_CONTRACT = re.compile(
    r"\b(?:won|wins|secured|secures|signed|signs|landed|lands|was awarded|awarded|received|"
    r"clinched)\s+"
    r"(?:an?\s+|the\s+)?(?:[\w$.,-]+\s+){0,4}?(?:contract|order|deal|agreement|framework agreement|"
    r"supply deal)\b",
    re.IGNORECASE,
)
_COUNTERPARTY = re.compile(
    r"\b(?:from|with|by)\s+(?P<cp>(?:the\s+)?[A-Za-z][^,;.]{1,70}?)(?=\s+(?:to|for|worth|valued|"
    r"at|over|under|that|which|in|across)\b|[,;.]|$)"
)


@rule("deal.contract", _CONTRACT.pattern, keywords=("contract", "order", "deal", "agreement"))
def contract(view: SentenceView, m: re.Match[str]) -> Draft | None:
    text = view.text
    if view.hedged(m.start(), strict=False) or view.negated(max(0, m.start() - 20), m.start()):
        return None
    lo, hi = clause_bounds(text, m.start())
    if re.search(r"\bto (?:acquire|buy|purchase)\b", text[m.end() : m.end() + 40], re.IGNORECASE):
        return None
    cp = _COUNTERPARTY.search(text, m.start(), hi)
    if cp is None:
        return None
    counterparty = re.sub(r"^the\s+", "", cp["cp"].strip(), flags=re.IGNORECASE)
    amount = _deal_amount(view, lo, hi)
    rest = text[cp.end() : hi].strip(" ,.")
    description = " ".join(text[m.start() : hi].split())[:160]
    duration = None
    for p in view.periods:
        if p.start >= m.start() and p.relation in ("until", "during", "by"):
            duration = p.when.label
            break
    when, default = statement_when(view)
    _ = rest
    return Draft(
        "contract",
        ContractData(
            counterparty=counterparty, amount=amount, description=description, duration=duration
        ),
        when,
        anchor=m.start(),
        default_when=default,
    )


RULES = [acquisition, contract]
