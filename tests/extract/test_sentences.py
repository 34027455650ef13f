"""The sentence splitter: offsets into the body, abbreviations, boilerplate left out."""

from __future__ import annotations

from events.extract.sentences import split_sentences


def test_offsets_point_into_the_body() -> None:
    body = "Xiaomi rose 2%. Shares of U.S. automakers fell.\n* Revenue of $4 billion\nThe end"
    for s in split_sentences(body):
        assert body[s.start : s.end] == s.text


def test_abbreviations_and_decimals_do_not_split() -> None:
    body = (
        "J.P. Morgan and Sanford C. Bernstein rate Apple Inc. a buy at $38.04 per share. Next one."
    )
    texts = [s.text for s in split_sentences(body)]
    assert texts == [
        "J.P. Morgan and Sanford C. Bernstein rate Apple Inc. a buy at $38.04 per share.",
        "Next one.",
    ]


def test_bullets_lose_their_marker_and_headings_are_flagged() -> None:
    body = "Outlook and Key Monitoring Points\n* Production milestone of 500,000 vehicles"
    heading, bullet = split_sentences(body)
    assert heading.heading and not heading.bullet
    assert bullet.bullet and bullet.text.startswith("Production")


def test_boilerplate_spans_are_skipped() -> None:
    body = "Real news here.\nAd\nXiaomi Stock: Buy or Sell?! Read more here..."
    skip = [(body.index("Ad"), len(body))]
    assert [s.text for s in split_sentences(body, skip)] == ["Real news here."]
