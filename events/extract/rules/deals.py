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
from events.extract.rules.common import period_after, statement_when
from events.model import AcquisitionData, ContractData
from events.normalize.periods import clamp_to
from events.values import Money

__all__ = ["RULES"]

_ACQ = re.compile(
    r"\b(?P<done>completed|closed|finali[sz]ed)\s+(?:its|the)\s+(?:[\w$€£¥.,-]+\s+){0,3}?"
    r"(?:acquisition|purchase|takeover)\s+of\b"
    r"|\b(?P<had>had|has|have)\s+acquired\b"
    r"|\b(?P<term>terminated|abandoned|called off|scrapped|walked away from|ended)\s+(?:(?:its|"
    r"the|an?|their)\s+)?(?:\w+\s+){0,2}?"
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
    r"(?=\s+(?:for|in|at|on|from|after|with|valuing|worth|paying|by|was|were|has|had|is|,)\b|[,;(]|(?<!\b[A-Z])\.|$)",
    re.IGNORECASE,
)
_PROPER = re.compile(r"(?:[A-Z][\w&'\u2019.-]*(?:\s+(?:&\s+)?[A-Z][\w&'\u2019.-]*)*)\s*$")
_STAKE = re.compile(
    r"(?P<pct>\d{1,3}(?:\.\d+)?)\s?(?:%|percent)\s+stake\b|\b(?P<maj>majority) stake\b"
    r"|\bstake\s+of\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|almost\s+|some\s+)?"
    r"(?P<pct2>\d{1,3}(?:\.\d+)?)\s?(?:%|percent)",
    re.IGNORECASE,
)
# "its purchase of Intel common stock": the shares of a company, named by the company
_STOCK_TAIL = re.compile(
    r"\s+(?:(?:common|ordinary|preferred|class [A-Z])\s+)?(?:stock|shares)$", re.IGNORECASE
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
    phrase = _STOCK_TAIL.sub("", phrase)
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
    ) and not re.search(r"stake", text[m.end() : clause_bounds(text, m.end())[1]], re.IGNORECASE):
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
    stake = _STAKE.search(text, m.end(), hi)
    if pct is None and stake is not None and (stake["pct"] or stake["pct2"]):
        pct = float(stake["pct"] or stake["pct2"])
    entity = view.entity_at(m.start())
    if entity is None or any(mm.slug == entity and mm.text in target for mm in view.mentions):
        return None
    day = view.explicit_day if stage != "announced" else None
    when, default = (day, False) if day else statement_when(view)
    _remember(view, target)
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


def _remember(view: SentenceView, target: str) -> None:
    """The last deal target, for a later sentence that names none ("walked away from the
    contest")."""
    view.ctx.state["deal_target"] = (view.index, view.sentence.block, target)


def _remembered(view: SentenceView, back: int = 3) -> str | None:
    last = view.ctx.state.get("deal_target")
    if last and last[1] == view.sentence.block and view.index - last[0] <= back:
        return last[2]
    return None


# "The acquisition of Dotmatics ... was closed in July": a deal told in the passive.
_PASSIVE = re.compile(
    r"\b(?:the|its|their|\w+['\u2019]s?)\s+(?:[\w$€£¥.,-]+\s+){0,3}?(?P<noun>acquisition|purchase"
    r"|takeover"
    r"|buyout)\s+of\b"
)
_PASSIVE_DONE = re.compile(
    r"\b(?:was|were|has been|had been|have been)\s+(?:successfully\s+|formally\s+|finally\s+)?"
    r"(?:(?P<done>completed|closed|finali[sz]ed)|(?P<term>terminated|abandoned|called off"
    r"|scrapped|cancell?ed))\b",
    re.IGNORECASE,
)


@rule(
    "deal.acquisition_passive",
    _PASSIVE.pattern,
    keywords=("acquisition of", "purchase of", "takeover of", "buyout of"),
)
def acquisition_passive(view: SentenceView, m: re.Match[str]) -> Draft | None:
    text = view.text
    done = _PASSIVE_DONE.search(text, m.end(), len(text))
    if done is None or view.hedged(done.start(), strict=False):
        return None
    if view.negated(max(0, done.start() - 12), done.end()):
        return None
    target, pct = _target(text, m.end())
    if target is None:
        return None
    entity = view.entity_at(m.start())
    if entity is None or any(mm.slug == entity and mm.text in target for mm in view.mentions):
        return None
    stage = "completed" if done["done"] else "terminated"
    period = period_after(view, done.start(), done.end())
    if period is not None and period.when.start <= view.ctx.article.published:
        when, default = clamp_to(period.when, view.ctx.published), False
    else:
        when, default = statement_when(view)
    _remember(view, target)
    return Draft(
        "acquisition",
        AcquisitionData(
            target=target,
            acquirer=_acquirer(view, entity),
            stake_pct=pct,
            amount=_deal_amount(view, m.start(), done.start()),
            stage=stage,
        ),  # type: ignore[arg-type]
        when,
        entity=entity,
        anchor=m.start(),
        default_when=default,
    )


def _acquirer(view: SentenceView, entity: str) -> str | None:
    registry = view.ctx.registry
    return registry.get(entity).name if entity in registry.entities else None


# "walked away from the contest", "pulled out of the bidding": a bid given up, its target
# named there ("... for Metsera") or in the sentences just before.
_WITHDRAWN = re.compile(
    r"\b(?:walked away from|walks away from|pulled out of|withdrew from|withdrew|dropped out of"
    r"|abandoned|dropped|bowed out of)\s+(?:its|the|their|a)\s+(?:\w+\s+){0,2}?"
    r"(?:contest|race|bidding(?: war)?|bid|offer|pursuit|deal|takeover battle|battle|approach)\b"
    r"(?:\s+(?:for|of)\s+)?",
    re.IGNORECASE,
)


@rule(
    "deal.withdrawn",
    _WITHDRAWN.pattern,
    keywords=(
        "walked away",
        "walks away",
        "pulled out",
        "withdrew",
        "dropped",
        "abandoned",
        "bowed out",
    ),
)
def withdrawn(view: SentenceView, m: re.Match[str]) -> Draft | None:
    text = view.text
    if view.hedged(m.start(), strict=False) or view.negated(max(0, m.start() - 12), m.start()):
        return None
    target = None
    if m.group(0).rstrip().lower().endswith((" for", " of")):
        target, _ = _target(text, m.end())
    if target is None:
        target = _remembered(view)
    if target is None:
        return None
    entity = view.entity_at(m.start())
    if entity is None or any(mm.slug == entity and mm.text in target for mm in view.mentions):
        return None
    when, default = statement_when(view)
    return Draft(
        "acquisition",
        AcquisitionData(target=target, acquirer=_acquirer(view, entity), stage="terminated"),
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
    r"\b(?:from|with|by)\s+(?P<cp>(?:the\s+)?[A-Za-z](?:[^,;.]|(?<=\b[A-Z])\.){1,70}?)"
    r"(?=\s+(?:to|for|worth|valued|at|over|under|that|which|in|across)\b|[,;]|(?<!\b[A-Z])\.|$)"
)


# "to provide OpenAI with computing capacity", "to supply Ford with battery cells"
_SUPPLY_TO = re.compile(
    r"\bto\s+(?:provide|supply|furnish|equip)\s+(?P<cp>(?:the\s+)?[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*)"
    r"{0,3})\s+with\b"
)
_SUPPLY = re.compile(r"\b(?:suppl(?:y|ies|ier)|provide)\b", re.IGNORECASE)


def _counterparty(view: SentenceView, m: re.Match[str], hi: int, entity: str | None) -> str | None:
    """Who the contract is with: "with/from/by X" when X is a name, "to provide X with", a
    company the clause names after the verb, else (for a supply contract) the article's
    company when the supplier is another one."""
    text = view.text
    supply = _SUPPLY_TO.search(text, m.end(), hi)
    if supply is not None:
        return re.sub(r"^the\s+", "", supply["cp"])
    unnamed = False  # "with a battery maker": a party the text does not name
    for cp in _COUNTERPARTY.finditer(text, m.start(), hi):
        name = re.sub(r"^the\s+", "", cp["cp"].strip(), flags=re.IGNORECASE)
        if name[:1].isupper() or any(
            cp.start("cp") <= x.start < cp.end("cp") and x.slug != entity for x in view.mentions
        ):
            return name
        unnamed = unnamed or not re.match(r"(?:its|their|our)\b", name)
    for x in view.mentions:
        if m.end() <= x.start < hi and x.slug != entity:
            return x.text
    main = view.ctx.main
    if (
        not unnamed
        and main
        and entity
        and main != entity
        and main in view.ctx.registry.entities
        and _SUPPLY.search(text, m.start(), hi)
    ):
        return view.ctx.registry.get(main).name
    return None


@rule("deal.contract", _CONTRACT.pattern, keywords=("contract", "order", "deal", "agreement"))
def contract(view: SentenceView, m: re.Match[str]) -> Draft | None:
    text = view.text
    if view.hedged(m.start(), strict=False) or view.negated(max(0, m.start() - 20), m.start()):
        return None
    lo, hi = clause_bounds(text, m.start())
    if re.search(r"\bto (?:acquire|buy|purchase)\b", text[m.end() : m.end() + 40], re.IGNORECASE):
        return None
    entity = view.entity_at(m.start())
    counterparty = _counterparty(view, m, hi, entity)
    if counterparty is None:
        return None
    return _contract_draft(view, m, lo, hi, counterparty, None)


def _contract_draft(
    view: SentenceView, m: re.Match[str], lo: int, hi: int, counterparty: str, entity: str | None
) -> Draft:
    text = view.text
    amount = _deal_amount(view, lo, hi)
    description = " ".join(text[m.start() : hi].split())[:160]
    duration = None
    for p in view.periods:
        if p.start >= m.start() and p.relation in ("until", "during", "by"):
            duration = p.when.label
            break
    when, default = statement_when(view)
    return Draft(
        "contract",
        ContractData(
            counterparty=counterparty, amount=amount, description=description, duration=duration
        ),
        when,
        entity=entity,
        anchor=m.start(),
        default_when=default,
    )


# "Boeing said Turkish Airlines had finalised an order for 50 787 Dreamliners": the customer
# orders, the contract is the maker's (the company the sentence names besides the customer).
_ORDER_PLACED = re.compile(
    r"(?P<customer>(?:[A-Z][\w&.'-]*\s+){0,3}[A-Z][\w&.'-]*)\s+(?:had\s+|has\s+|have\s+)?"
    r"(?:finali[sz]ed|placed|firmed up|booked|signed)\s+(?:an?\s+|the\s+|its\s+)?"
    r"(?:firm\s+|new\s+|record\s+|large\s+|big\s+)?order\s+(?:for|of|with)\b"
)


@rule(
    "deal.order_placed",
    _ORDER_PLACED.pattern,
    keywords=("order for", "order of", "order with"),
    flags=0,
)
def order_placed(view: SentenceView, m: re.Match[str]) -> Draft | None:
    text = view.text
    if view.hedged(m.start(), strict=False) or view.negated(max(0, m.start() - 20), m.end()):
        return None
    customer = m["customer"]
    words = customer.split()
    while words and words[0] in ("The", "That", "And", "But", "Also", "Separately"):
        words = words[1:]
    if not words:
        return None
    customer = " ".join(words)
    lo = clause_bounds(text, m.start())[0]
    inside = [x for x in view.mentions if m.start("customer") <= x.start < m.end("customer")]
    makers = [x for x in view.mentions if x not in inside]
    if not makers or any(x.slug == makers[0].slug for x in inside):
        return None
    return _contract_draft(view, m, lo, len(text), customer, makers[0].slug)


RULES = [acquisition, acquisition_passive, withdrawn, contract, order_placed]
