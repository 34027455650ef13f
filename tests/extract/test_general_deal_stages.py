"""Deal stages in briefs and prose: terminated agreements written without an article
("TERMINATED AGREEMENT TO ACQUIRE ..."), in capitals or not."""

from __future__ import annotations

import pytest

from tests.extract.conftest import find

TERMINATED = [
    (
        "* NXP SEMICONDUCTORS NV - TERMINATED AGREEMENT TO ACQUIRE EXAMPLE RADAR AB FOR SEK 4.2 "
        "BLN AFTER REGULATORY REVIEW",
        "nxp",
    ),
    (
        "Broadcom terminated agreement to acquire Example Networks for $2 billion on Monday.",
        "broadcom",
    ),
    ("Siemens called off its deal to buy Example Software for EUR 1.5 billion.", "siemens"),
]


@pytest.mark.parametrize(("body", "entity"), TERMINATED)
def test_terminated_deal_stage(extract, body, entity) -> None:
    found = find(extract(body, published="2025-08-08"), "acquisition", entity=entity)
    assert found and found[0]["data"]["stage"] == "terminated", found
