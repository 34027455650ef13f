"""'the chipmaker', 'the bank', 'the carmaker' as the subject of a result or an outlook: the
company of that kind named last, not a rival named later in the sentence."""

from __future__ import annotations

import pytest

from tests.extract.conftest import find

ROWS = [
    (
        "chipmaker, a rival named after the figures (won)",
        "2026-01-29",
        "SK hynix posted record fourth-quarter results on Thursday. For the full year 2025, the "
        "chipmaker earned operating profit of 47.2 trillion won on revenue of 97.1 trillion won, "
        "overtaking Samsung Electronics as the most profitable company.",
        "operating_result",
        "sk_hynix",
    ),
    (
        "the bank: the last bank named, not the first one of the article (dollars)",
        "2026-01-15",
        "Goldman Sachs raised its quarterly dividend by 12.5% on Thursday.\n\nAt JPMorgan, "
        "managed revenue rose 7% to $46.8 billion in the quarter.\n\nChief Financial Officer "
        "Jeremy Barnum said on Tuesday the bank expects net interest income of about $103 billion "
        "in 2026.",
        "guidance",
        "jpmorgan_chase",
    ),
    (
        "'it' after a semicolon is the company of the clause before, not the previous topic",
        "2025-11-21",
        "Leapmotor rose 2%. XPeng fell 5.1% to HK$73.45; on Monday it guided fourth-quarter "
        "deliveries of 125,000 to 132,000 vehicles.",
        "guidance",
        "xpeng",
    ),
    (
        "'The bank' opening a sentence, far from its target word",
        "2026-01-15",
        "Goldman Sachs raised its dividend.\n\nAt JPMorgan, managed revenue rose 7% to $46.8 "
        "billion in the quarter.\n\nThe bank also reaffirmed its medium-term return on tangible "
        "common equity target of 17%.",
        "guidance",
        "jpmorgan_chase",
    ),
    (
        "the carmaker after a rival named in the sentence before (euros)",
        "2025-11-05",
        "BMW said its operating margin beat Mercedes-Benz's. The carmaker posted net income of "
        "EUR 1.7 billion in the third quarter, ahead of Volkswagen.",
        "operating_result",
        "bmw",
    ),
]


@pytest.mark.parametrize(
    ("published", "body", "type_", "entity"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS]
)
def test_backref_is_the_company_named_as_such(extract, published, body, type_, entity) -> None:
    got = find(extract(body, published=published, title="Company news"), type_)
    assert got and all(g["entity"] == entity for g in got), [(g["entity"], g["data"]) for g in got]


def test_company_named_before_the_figure_wins(extract) -> None:
    body = (
        "SK hynix posted record results on Thursday. Samsung Electronics, the other chipmaker, "
        "posted operating profit of 20 trillion won in the fourth quarter."
    )
    got = find(extract(body, published="2026-01-29"), "operating_result")
    assert got and all(g["entity"] == "samsung" for g in got), got
