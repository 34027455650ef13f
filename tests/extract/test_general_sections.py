"""Roundups: a heading that names a company makes the paragraphs under it about that company."""

from __future__ import annotations

import pytest

BODY = """Dell Technologies shares rose 3% in early trading after its results.

FORD MOTOR (F)

The carmaker said it began deliveries of the {product} to customers in Europe on Monday.

{heading}

The chipmaker's board approved a $2 billion share repurchase programme on Monday.
"""


@pytest.mark.parametrize(
    ("product", "heading", "second"),
    [
        ("Explorer EV", "NVIDIA CORP (NVDA)", "nvidia"),
        ("Capri EV", "Intel Corp (INTC)", "intel"),
    ],
)
def test_paragraphs_under_a_company_heading_are_about_it(extract, product, heading, second):
    events = extract(BODY.format(product=product, heading=heading), published="2025-11-20")
    launches = [e for e in events if e["type"] == "product_launch"]
    assert launches and {e["entity"] for e in launches} == {"ford"}
    buybacks = [e for e in events if e["type"] == "share_buyback"]
    assert {e["entity"] for e in buybacks} <= {second}
    assert not [e for e in events if e["entity"] == "dell" and e["type"] != "stock_price"]
