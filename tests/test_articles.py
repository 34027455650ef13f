"""events.articles: seeds read exactly, bad input refused in one line, ids content-addressed."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import time
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.articles import (
    Article,
    ParsedArticle,
    in_boilerplate,
    iter_article_paths,
    parse_article,
    read_article,
)
from events.articles.text import normalise
from events.errors import ArticleError

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"


def seed_path(number: str) -> Path:
    (path,) = SEEDS.glob(f"{number}_*.txt")
    return path


@pytest.fixture(scope="module")
def seeds() -> dict[str, ParsedArticle]:
    return {
        number: read_article(seed_path(number)) for number in ("000", "001", "002", "003", "004")
    }


def span_of(article: Article, text: str) -> tuple[int, int]:
    start = article.body.index(text)
    return start, start + len(text)


def fully_covered(article: Article, text: str) -> bool:
    start, end = span_of(article, text)
    return any(s <= start and end <= e for s, e in article.boilerplate)


def touches_boilerplate(article: Article, text: str) -> bool:
    start, end = span_of(article, text)
    return any(s < end and start < e for s, e in article.boilerplate)


def article_from(text: str, **options: object) -> ParsedArticle:
    return parse_article(text.encode("utf-8"), "mem/test.txt", **options)


# --- the five seeds ---------------------------------------------------------------------

SEED_EXPECTATIONS = {
    "000": dict(
        title="Xiaomi is prioritizing the increase in average selling price (ASP) of its "
        "smartphones as its primary operational focus…",
        published="2026-01-06",
        published_at=None,
        published_inferred=True,
        publisher=None,
        url=None,
    ),
    "001": dict(
        title="Xiaomi\u2019s 2026 Strategy: Aggressive EV Targets and Major R&D Push",
        published="2026-01-09",
        published_at=None,
        published_inferred=False,
        publisher=None,
        url=None,
    ),
    "002": dict(
        title='HSBC Research maintains a "Buy" rating on Xiaomi, with management reiterating '
        "the full-year gross margin target of 8% for smartphones this year",
        published="2026-04-20",
        published_at="2026-04-20T03:52:15Z",
        published_inferred=False,
        publisher=None,
        url="https://longbridge.com/en/news/283291402.md",
    ),
    "003": dict(
        title="Xiaomi rushes towards a trillion",
        published="2025-01-03",
        published_at=None,
        published_inferred=False,
        publisher="Wallstreetcn",
        url=None,
    ),
    "004": dict(
        title="Xiaomi Founder\u2019s Major Bet Signals Confidence in EV Breakthrough",
        published="2025-11-27",
        published_at=None,
        published_inferred=False,
        publisher="boerse-global.de",
        url=None,
    ),
}


@pytest.mark.parametrize("number", sorted(SEED_EXPECTATIONS))
def test_seed_metadata(seeds: dict[str, ParsedArticle], number: str) -> None:
    article = seeds[number].article
    expected = SEED_EXPECTATIONS[number]
    actual = {field: getattr(article, field) for field in expected}
    assert actual == expected
    assert article.origin == str(seed_path(number))
    assert article.language == "en"


@pytest.mark.parametrize(
    ("number", "first_words"),
    [
        ("000", "Xiaomi is prioritizing the increase"),
        ("001", "Xiaomi is charting a far more assertive course"),  # split off the glued byline
        ("002", "HSBC Global Research published a report"),  # repeated `# title` dropped
        ("003", "portai\nI'm PortAI"),  # header ends at the byline; the noise is boilerplate
        ("004", "Xiaomi KYG9830T1067\n\nAt a pivotal moment"),
    ],
)
def test_seed_body_starts_after_the_header(
    seeds: dict[str, ParsedArticle], number: str, first_words: str
) -> None:
    assert seeds[number].article.body.startswith(first_words)


def test_seed_headers_leave_the_body(seeds: dict[str, ParsedArticle]) -> None:
    assert "09:46:04" not in seeds["001"].article.body
    assert "Xiaomi, Founder\u2019s" not in seeds["004"].article.body
    assert "15:15:04" not in seeds["004"].article.body
    assert "Wallstreetcn" not in seeds["003"].article.body
    assert "datetime:" not in seeds["002"].article.body


def test_seed_warnings(seeds: dict[str, ParsedArticle]) -> None:
    origin = str(seed_path("000"))
    assert seeds["000"].warnings == [
        f"{origin}: no publication date; inferred 2026-01-06 from the body"
        " (use --published DATE to set it)"
    ]
    for number in ("001", "002", "003", "004"):
        assert seeds[number].warnings == []


def test_seed_ids_are_distinct_and_well_formed(seeds: dict[str, ParsedArticle]) -> None:
    ids = [parsed.article.id for parsed in seeds.values()]
    assert len(set(ids)) == 5
    for parsed in seeds.values():
        body_hash = hashlib.sha256(parsed.article.body.encode("utf-8")).hexdigest()
        assert parsed.article.id == "art_" + body_hash


# --- boilerplate ------------------------------------------------------------------------

AD_LINES_001 = [
    "Ad\nXiaomi Stock: Buy or Sell?! New Xiaomi Analysis from January 9 delivers the answer:",
    "The latest Xiaomi figures speak for themselves: Urgent action needed for Xiaomi investors.",
    "Xiaomi: Buy or sell? Read more here...",
]
PROMO_LINE = "Should investors sell immediately? Or is it worth buying Xiaomi?"


def test_boilerplate_001_covers_the_ad_block_and_promo_line(
    seeds: dict[str, ParsedArticle],
) -> None:
    article = seeds["001"].article
    ad_start = article.body.index("\nAd\n") + 1
    assert any(s == ad_start and e == len(article.body) for s, e in article.boilerplate)
    for line in [*AD_LINES_001, PROMO_LINE]:
        assert fully_covered(article, line), line


def test_boilerplate_001_spares_the_news(seeds: dict[str, ParsedArticle]) -> None:
    article = seeds["001"].article
    news_end = article.body.index("\nAd\n")
    for line in article.body[:news_end].split("\n"):
        if line != PROMO_LINE:
            assert not touches_boilerplate(article, line), line
    buyback = "On January 8, Xiaomi repurchased 5 million B-shares on the Hong Kong Stock Exchange."
    assert not in_boilerplate(article, *span_of(article, buyback))


def test_boilerplate_004_covers_ad_promo_isin_and_publisher(
    seeds: dict[str, ParsedArticle],
) -> None:
    article = seeds["004"].article
    for line in [
        "Xiaomi KYG9830T1067",
        PROMO_LINE,
        "Ad\n\nXiaomi Stock: Buy or Sell?! New Xiaomi Analysis from November 27",
        "Find out what to do now in the current free analysis from November 27.",
        "Xiaomi: Buy or sell? Read more here...",
        "@ boerse-global.de",
    ]:
        assert fully_covered(article, line), line
    for news in [
        "purchasing $13 million worth of shares",
        "Xiaomi shares closed at HKD 41.18 in Hong Kong",
        "Lei Jun's significant personal investment serves as a powerful vote of confidence",
        "Market Reaction and Future Outlook",
    ]:
        assert not touches_boilerplate(article, news), news


def test_boilerplate_002_covers_related_stocks_and_news(seeds: dict[str, ParsedArticle]) -> None:
    article = seeds["002"].article
    start = article.body.index("### Related Stocks")
    assert (start, len(article.body)) in article.boilerplate
    for line in ["- [XIACY.US]", "## Related News & Research", "finds footing in China"]:
        assert fully_covered(article, line), line
    last_news = 'HSBC Research maintains a "Buy" rating on Xiaomi, with a target price unchanged'
    assert not touches_boilerplate(article, last_news)


def test_boilerplate_003_covers_portai_and_credits(seeds: dict[str, ParsedArticle]) -> None:
    article = seeds["003"].article
    for line in ["portai", "I'm PortAI, I can summarize articles.", "Author | Wang Xiaojun"]:
        assert fully_covered(article, line), line
    assert fully_covered(article, "Editor | Zhou Zhiyu")
    for news in [
        "The stock price has reached a new high",
        "The myth created by Lei Jun continues.",
        "closing up 6.62% to HKD 36.25, setting a new historical high",
    ]:
        assert not touches_boilerplate(article, news), news


def test_boilerplate_000_has_none(seeds: dict[str, ParsedArticle]) -> None:
    assert seeds["000"].article.boilerplate == []


@pytest.mark.parametrize("number", sorted(SEED_EXPECTATIONS))
def test_boilerplate_spans_are_sorted_disjoint_and_in_bounds(
    seeds: dict[str, ParsedArticle], number: str
) -> None:
    article = seeds[number].article
    previous_end = -1
    for start, end in article.boilerplate:
        assert previous_end < start < end <= len(article.body)
        assert article.body[start:end] == article.body[start:end].strip()
        previous_end = end


def test_in_boilerplate_is_about_most_of_the_span(seeds: dict[str, ParsedArticle]) -> None:
    article = seeds["004"].article
    isin_start, _ = span_of(article, "Xiaomi KYG9830T1067")
    _, sentence_end = span_of(article, "purchasing $13 million worth of shares.")
    # A splitter that glues the ticker tag onto the first sentence must not lose the sentence.
    assert not in_boilerplate(article, isin_start, sentence_end)
    assert in_boilerplate(article, *span_of(article, "Read more here..."))
    ad = article.body.index("\nAd\n") + 1
    assert in_boilerplate(article, ad, ad)  # a point inside
    news = article.body.index("At a pivotal moment")
    assert not in_boilerplate(article, news, news)
    assert in_boilerplate(article, ad + 1, ad + 3)  # whitespace only, inside the ad block


def test_boilerplate_rules_on_markdown_fixture() -> None:
    article = read_article(FIXTURES / "frontmatter_full.md").article
    assert fully_covered(article, "Share this article")
    assert fully_covered(article, "Disclaimer: This article is not investment advice.")
    assert fully_covered(article, "## Read more")
    assert fully_covered(article, "- [Rivals cut prices](https://example.com/news/prices)")
    assert not touches_boilerplate(article, "The company also raised its 2026 delivery target")


def test_read_more_section_stops_at_prose() -> None:
    text = (
        "Acme news\n2026-01-09\n\nAcme sold 5 cars.\n\nRelated articles\n- Acme sells cars\n"
        "- Rival cuts prices\n\nAcme also said on Friday that it will build a second plant in "
        "Hungary next year, with room for 150,000 cars.\n"
    )
    article = article_from(text).article
    assert fully_covered(article, "- Rival cuts prices")
    assert not touches_boilerplate(article, "Acme also said on Friday")


# --- ids and normalisation --------------------------------------------------------------


def test_same_bytes_same_id() -> None:
    data = seed_path("001").read_bytes()
    first = parse_article(data, "a.txt").article
    second = parse_article(data, "elsewhere/b.txt").article
    assert first.id == second.id
    assert first == msgspec.structs.replace(second, origin="a.txt")


@pytest.mark.parametrize(
    "variant",
    [
        lambda text: text.replace("\n", "\r\n").encode("utf-8"),
        lambda text: text.replace("\n", "\r").encode("utf-8"),
        lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
        lambda text: "\ufeff".join(["", text]).encode("utf-16-le"),
        lambda text: "\ufeff".join(["", text]).encode("utf-16-be"),
        lambda text: text.replace("\n", "  \n").encode("utf-8"),
        lambda text: ("\n \n" + text + "\n\n\t\n").encode("utf-8"),
        lambda text: unicodedata.normalize("NFD", text).encode("utf-8"),
    ],
    ids=[
        "crlf",
        "cr",
        "utf8-bom",
        "utf16le-bom",
        "utf16be-bom",
        "trailing-spaces",
        "outer-blanks",
        "nfd",
    ],
)
@pytest.mark.parametrize("number", ["001", "002", "004"])
def test_invisible_differences_keep_the_id(number: str, variant: Callable[[str], bytes]) -> None:
    text = seed_path(number).read_text(encoding="utf-8")
    original = parse_article(text.encode("utf-8"), "x.txt").article
    changed = parse_article(variant(text), "x.txt").article
    assert changed.id == original.id
    assert changed.body == original.body
    assert changed.title == original.title


def test_nfd_accents_compose() -> None:
    text = "Cafe\u0301 opens\n2026-01-09\n\nThe cafe\u0301 opened on Friday in Paris.\n"
    article = article_from(text).article
    assert "café" in article.body and "\u0301" not in article.body
    assert article.title == "Café opens"


def test_different_body_different_id() -> None:
    text = seed_path("001").read_text(encoding="utf-8")
    original = article_from(text).article
    edited = article_from(text.replace("5 million B-shares", "6 million B-shares")).article
    assert edited.id != original.id


def test_id_hashes_the_body_only() -> None:
    text = seed_path("001").read_text(encoding="utf-8")
    retitled = text.replace("Xiaomi\u2019s 2026 Strategy", "Xiaomi in 2026", 1)
    assert article_from(retitled).article.id == article_from(text).article.id
    assert article_from(retitled).article.title != article_from(text).article.title


@pytest.mark.parametrize("number", sorted(SEED_EXPECTATIONS))
def test_body_is_in_normal_form(seeds: dict[str, ParsedArticle], number: str) -> None:
    body = seeds[number].article.body
    assert normalise(body) == body
    assert "\r" not in body and "\n\n\n\n" not in body
    assert all(line == line.rstrip() for line in body.split("\n"))
    assert body == body.strip()


def test_blank_runs_collapse_to_two_blank_lines() -> None:
    article = article_from("Title\n2026-01-09\n\nOne line.\n\n\n\n\n\nTwo line.").article
    assert article.body == "One line.\n\n\nTwo line."


def test_article_round_trips_through_msgspec(seeds: dict[str, ParsedArticle]) -> None:
    article = seeds["004"].article
    decoded = msgspec.json.decode(msgspec.json.encode(article), type=Article)
    assert decoded == article


# --- headers, bylines and dates ---------------------------------------------------------


@pytest.mark.parametrize(
    ("byline", "published", "published_at"),
    [
        ("09.01.2026 - 09:46:04", "2026-01-09", None),
        ("2025.01.03 11:42", "2025-01-03", None),
        ("27.11.2025 - 15:15:04", "2025-11-27", None),
        ("2026-01-09", "2026-01-09", None),
        ("January 9, 2026", "2026-01-09", None),
        ("9 January 2026", "2026-01-09", None),
        ("Friday, January 9, 2026", "2026-01-09", None),
        ("Published: Jan. 9, 2026", "2026-01-09", None),
        ("Jan 9, 2026 10:00 ET", "2026-01-09", "2026-01-09T15:00:00Z"),
        ("Jul 9, 2026 10:00 ET", "2026-07-09", "2026-07-09T14:00:00Z"),  # daylight saving
        ("January 9, 2026 at 9:30 p.m. EST", "2026-01-09", "2026-01-10T02:30:00Z"),
        ("2026-01-09T08:00:00Z", "2026-01-09", "2026-01-09T08:00:00Z"),
        ("2026-01-09T08:00:00+08:00", "2026-01-09", "2026-01-09T00:00:00Z"),
        ("2026年1月9日 10:00", "2026-01-09", None),
    ],
)
def test_byline_formats(byline: str, published: str, published_at: str | None) -> None:
    parsed = article_from(f"Acme opens a plant\n{byline}\n\nAcme opened a plant on Friday.\n")
    article = parsed.article
    assert (article.published, article.published_at) == (published, published_at)
    assert article.published_inferred is False
    assert article.title == "Acme opens a plant"
    assert article.body == "Acme opened a plant on Friday."
    assert parsed.warnings == []


def test_glued_byline_is_split_from_the_first_paragraph() -> None:
    article = article_from("Acme news\n27.11.2025 - 15:15:04Acme sold a car.\nMore text.").article
    assert article.published == "2025-11-27"
    assert article.body == "Acme sold a car.\nMore text."


def test_impossible_date_is_not_a_date() -> None:
    with pytest.raises(ArticleError, match="no publication date found"):
        article_from("Acme opens a plant\n31.02.2026\n\nAcme opened a plant on Friday.\n")


def test_a_sentence_starting_with_a_date_is_not_a_byline() -> None:
    parsed = article_from("Acme news\nJanuary 9, 2026 was a big day for Acme shareholders\n\nMore.")
    assert parsed.article.published_inferred is True
    assert parsed.article.body.startswith("January 9, 2026 was a big day")


def test_kicker_and_publisher_lines() -> None:
    parsed = read_article(FIXTURES / "byline_month_name.txt")
    article = parsed.article
    assert article.title == "Acme Shares Jump After Record Deliveries"
    assert article.publisher == "Example Wire"
    assert (article.published, article.published_at) == ("2026-01-09", "2026-01-09T15:00:00Z")
    assert "MARKETS" not in article.body
    assert fully_covered(article, "Follow us on X for more market news")


@pytest.mark.parametrize(
    "kicker",
    ["Acme, Big Battery Bet", "MARKETS"],  # a fragment of the title; an all-caps label
)
def test_kicker_without_a_byline(kicker: str) -> None:
    text = f"{kicker}\nAcme Makes a Big Battery Bet in Hungary\n\nAcme said so on January 8, 2026."
    article = article_from(text).article
    assert article.title == "Acme Makes a Big Battery Bet in Hungary"
    assert article.body == "Acme said so on January 8, 2026."


def test_short_title_above_the_byline_is_not_a_publisher() -> None:
    article = article_from("Tech\nXiaomi shares soar\n2026-01-09\n\nXiaomi shares rose.").article
    assert (article.title, article.publisher) == ("Xiaomi shares soar", None)


def test_publisher_beside_the_date() -> None:
    article = read_article(FIXTURES / "byline_iso_publisher.txt").article
    assert (article.title, article.publisher) == ("Acme to open a plant in Hungary", "Example Wire")


def test_published_prefix_with_blank_lines() -> None:
    article = read_article(FIXTURES / "byline_day_first_text.txt").article
    assert (article.title, article.published) == ("Acme delivers a record quarter", "2026-01-09")
    assert article.body.startswith("Acme delivered 120,000 vehicles")


def test_title_line_without_byline_leaves_the_body() -> None:
    parsed = article_from("Acme raises targets\n\nAcme raised its targets on January 8, 2026.")
    assert parsed.article.title == "Acme raises targets"
    assert parsed.article.body == "Acme raised its targets on January 8, 2026."
    assert parsed.article.published == "2026-01-08"


def test_first_sentence_title_respects_abbreviations() -> None:
    parsed = article_from(
        "Acme Corp. sold U.S. plants to Beta Inc. on January 8, 2026. Shares rose."
    )
    assert parsed.article.title == "Acme Corp. sold U.S. plants to Beta Inc. on January 8, 2026."


def test_inference_takes_the_latest_date_and_ignores_boilerplate() -> None:
    text = (
        "Acme met analysts on January 5-6, 2026, after a November 30, 2025 deadline.\n\n"
        "Related News\n- Acme outlook, published March 3, 2026\n"
    )
    parsed = article_from(text)
    assert parsed.article.published == "2026-01-06"
    assert parsed.article.published_inferred is True


# --- front matter -----------------------------------------------------------------------


def test_front_matter_fields() -> None:
    parsed = read_article(FIXTURES / "frontmatter_full.md")
    article = parsed.article
    assert article.title == 'Acme\'s Q4: deliveries beat the "guidance"'
    assert article.url == "https://example.com/news/acme-q4"
    assert article.publisher == "Example Wire"
    # The date as the source wrote it (local), the moment in UTC.
    assert (article.published, article.published_at) == ("2026-01-09", "2026-01-10T03:30:00Z")
    assert article.language == "en"
    assert article.body.startswith("Acme Corp. said on Friday")  # repeated `# title` dropped
    assert parsed.warnings == []


def test_front_matter_heading_that_differs_from_the_title_stays() -> None:
    text = '---\ntitle: "Acme news"\ndate: 2026-01-09\n---\n\n# Background\n\nAcme sold cars.\n'
    article = article_from(text).article
    assert article.body == "# Background\n\nAcme sold cars."
    assert article.published == "2026-01-09"


def test_front_matter_bad_date_and_url_are_warned_about(tmp_path: Path) -> None:
    path = FIXTURES / "bad_front_matter_date.md"
    parsed = read_article(path)
    assert parsed.article.url is None
    assert parsed.article.published == "2026-01-08"
    assert parsed.warnings == [
        f"{path}: front matter date 'next Tuesday' is not a date; ignored",
        f"{path}: front matter url 'not a url' is not a URL; ignored",
        f"{path}: no publication date; inferred 2026-01-08 from the body"
        " (use --published DATE to set it)",
    ]


def test_front_matter_locale_sets_the_language() -> None:
    text = "---\ntitle: Xiaomi\ndate: 2026-01-09\nlocale: zh-CN\n---\nXiaomi sold cars.\n"
    parsed = article_from(text)
    assert parsed.article.language == "zh"
    assert parsed.warnings == [
        "mem/test.txt: not English (looks like zh); extraction may find little"
    ]


def test_front_matter_does_not_execute_yaml_tags() -> None:
    text = "---\ntitle: !!python/object/apply:os.system ['echo hi']\ndate: 2026-01-09\n---\nAcme.\n"
    article = article_from(text).article
    assert article.title == "!!python/object/apply:os.system ['echo hi']"


# --- language ---------------------------------------------------------------------------


def test_chinese_article_is_ingested_with_a_warning() -> None:
    path = FIXTURES / "chinese.txt"
    parsed = read_article(path)
    assert parsed.article.language == "zh"
    assert parsed.article.title == "小米汽车交付创新高"
    assert parsed.article.published == "2026-01-09"
    assert parsed.warnings == [f"{path}: not English (looks like zh); extraction may find little"]


def test_other_latin_language_is_und() -> None:
    text = (
        "Xiaomi erhöht das Ziel\n2026-01-09\n\nXiaomi hat am Donnerstag angekündigt, dass das "
        "Unternehmen im nächsten Jahr deutlich mehr Autos verkaufen will und die Aktie stieg."
    )
    parsed = article_from(text)
    assert parsed.article.language == "und"
    assert parsed.warnings == [
        "mem/test.txt: language not recognised as English; extraction may find little"
    ]


# --- bad input --------------------------------------------------------------------------

BAD_FIXTURES = [
    ("empty.txt", "empty file"),
    ("whitespace.txt", "file has only whitespace"),
    ("binary.txt", "binary file"),
    ("latin1.txt", "not UTF-8 text; convert it with iconv -t utf-8"),
    ("unterminated_front_matter.md", "front matter opened with --- on line 1 is never closed"),
    ("garbage_front_matter.md", "front matter line 4 is not `key: value`"),
    ("bad_quote_front_matter.md", 'front matter line 2 has a bad "quoted" value'),
    ("no_date.txt", "no publication date found; pass --published YYYY-MM-DD"),
    ("header_only.txt", "no article text"),
    ("no_letters.txt", "no article text"),
]


@pytest.mark.parametrize(("name", "reason"), BAD_FIXTURES)
def test_bad_fixture_is_refused_in_one_line(name: str, reason: str) -> None:
    path = FIXTURES / name
    with pytest.raises(ArticleError) as caught:
        read_article(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert reason in message
    assert "\n" not in message
    assert caught.value.origin == str(path) and caught.value.fix


def test_utf16_with_bom_is_read() -> None:
    article = read_article(FIXTURES / "utf16_bom.txt").article
    assert (article.title, article.published) == ("Acme opens a plant", "2026-01-09")
    assert article.body == "Acme opened a new plant in Hungary on Friday, the company said."


def test_mostly_control_characters_is_binary() -> None:
    with pytest.raises(ArticleError, match="binary file"):
        parse_article(b"\x01\x02\x03\x04abc\x05\x06\x07\x08", "ctl.txt")


def test_size_limit_is_checked_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"Acme news\n2026-01-09\n\n" + b"Acme sold cars. " * 100)
    size = path.stat().st_size

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(ArticleError) as caught:
        read_article(path, max_bytes=1000)
    assert str(caught.value).startswith(
        f"{path}: file is {size:,} bytes, over the 1,000 byte limit"
    )


def test_size_limit_applies_to_bytes_too() -> None:
    with pytest.raises(ArticleError, match="file is 2,000 bytes, over the 1,999 byte limit"):
        parse_article(b"a" * 2000, "mem.txt", max_bytes=1999)


def test_special_file_is_refused_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # opening it would block until a writer came
    with pytest.raises(ArticleError, match=r"pipe\.txt: not a regular file"):
        read_article(fifo)


def test_missing_file_and_directory_for_read_article(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match=r"missing\.txt: no such file"):
        read_article(tmp_path / "missing.txt")
    with pytest.raises(ArticleError, match="is a directory"):
        read_article(tmp_path)


# --- override and strict ----------------------------------------------------------------


def test_override_wins_over_the_byline() -> None:
    parsed = read_article(seed_path("001"), published="2025-12-31")
    assert parsed.article.published == "2025-12-31"
    assert parsed.article.published_inferred is False
    assert parsed.warnings == [
        f"{seed_path('001')}: --published 2025-12-31 replaces the article's own date 2026-01-09"
    ]


def test_override_replaces_inference() -> None:
    parsed = read_article(seed_path("000"), published=date(2026, 1, 7))
    assert (parsed.article.published, parsed.article.published_inferred) == ("2026-01-07", False)
    assert parsed.warnings == []


def test_override_with_a_time_sets_published_at() -> None:
    parsed = read_article(seed_path("000"), published="2026-01-07T09:00:00+08:00")
    assert (parsed.article.published, parsed.article.published_at) == (
        "2026-01-07",
        "2026-01-07T01:00:00Z",
    )


@pytest.mark.parametrize("value", ["2026-13-01", "09.01.2026", "tomorrow", "", "2026-02-30"])
def test_bad_override_is_refused(value: str) -> None:
    path = seed_path("001")
    with pytest.raises(ArticleError) as caught:
        read_article(path, published=value)
    assert str(caught.value) == (
        f"{path}: --published {value!r} is not an ISO date; use YYYY-MM-DD, e.g. 2026-01-09"
    )


def test_strict_refuses_to_infer() -> None:
    path = seed_path("000")
    with pytest.raises(ArticleError) as caught:
        read_article(path, strict=True)
    assert str(caught.value) == (
        f"{path}: no publication date in its front matter or byline (--strict);"
        " pass --published YYYY-MM-DD"
    )


def test_strict_accepts_stated_dates_and_overrides(seeds: dict[str, ParsedArticle]) -> None:
    for number in ("001", "002", "003", "004"):
        assert read_article(seed_path(number), strict=True) == seeds[number]
    strict = read_article(seed_path("000"), strict=True, published="2026-01-06").article
    assert (strict.published, strict.published_inferred) == ("2026-01-06", False)


# --- paths ------------------------------------------------------------------------------


def test_iter_article_paths(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    for name in [
        "b.txt", "a.md", "c.markdown", "d.text", "e.TXT", "notes.pdf", ".hidden.txt",
        ".git/x.txt", "sub/z.txt", "sub/.h/y.txt", "sub/deeper/w.md",
    ]:  # fmt: skip
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "o.txt").write_text("x")
    (root / "link").symlink_to(outside, target_is_directory=True)
    single = root / "notes.pdf"

    found = iter_article_paths([single, root, root / "b.txt"])

    expected = ["a.md", "b.txt", "c.markdown", "d.text", "e.TXT", "sub/deeper/w.md", "sub/z.txt"]
    assert found == [single] + [root / name for name in expected]


def test_iter_article_paths_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    with pytest.raises(ArticleError) as caught:
        iter_article_paths([FIXTURES, missing])
    assert str(caught.value) == f"{missing}: no such file or directory; check the path"


def test_iter_article_paths_on_the_seeds() -> None:
    assert iter_article_paths([SEEDS]) == sorted(SEEDS.glob("*.txt"))


# --- robustness -------------------------------------------------------------------------


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_random_bytes_raise_only_article_errors(data: bytes) -> None:
    try:
        parsed = parse_article(data, "fuzz.bin")
    except ArticleError as error:
        assert "\n" not in str(error) and str(error).startswith("fuzz.bin: ")
    else:
        assert_consistent(parsed.article)


PIECES = ["\n", "\r\n", "---\n", ": ", "2026-01-09", "09.01.2026 - 09:46:04", "January 5-6, 2026",
          "Ad\n", "Related News\n", '"', "# ", "@ x.de", "\ufeff", "e\u0301"]  # fmt: skip
ARTICLEISH = st.lists(
    st.one_of(st.text(st.characters(codec="utf-8"), max_size=30), st.sampled_from(PIECES)),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ARTICLEISH)
def test_random_text_raises_only_article_errors(text: str) -> None:
    try:
        parsed = parse_article(text.encode("utf-8", "surrogatepass"), "fuzz.txt")
    except ArticleError as error:
        assert "\n" not in str(error) and str(error).startswith("fuzz.txt: ")
    else:
        assert_consistent(parsed.article)


INVISIBLE_CHANGES: list[Callable[[str], str]] = [
    lambda text: "\ufeff" + text.replace("\n", "\r\n"),
    lambda text: unicodedata.normalize("NFD", text),
    lambda text: text.replace("\n", " \t\n"),
    lambda text: "\n\n" + text + "\n\n\n",
]


@settings(max_examples=300, deadline=None)
@given(ARTICLEISH.filter(lambda text: "\r" not in text), st.sampled_from(INVISIBLE_CHANGES))
def test_random_text_outcome_ignores_invisible_changes(
    text: str, change: Callable[[str], str]
) -> None:
    outcomes = []
    for variant in (text, change(text)):
        try:
            outcomes.append(parse_article(variant.encode("utf-8", "surrogatepass"), "f").article.id)
        except ArticleError as error:
            outcomes.append(_reason_kind(error.reason))
    assert outcomes[0] == outcomes[1]


def _reason_kind(reason: str) -> str:
    """Reasons that may differ between variants: blank files, and front matter line numbers."""
    if reason in ("empty file", "file has only whitespace"):
        return "blank"
    return re.sub(r"line \d+", "line N", reason)


BYLINE_PATTERNS = [
    "{d:%d.%m.%Y} - 10:00:00",
    "{d:%Y.%m.%d} 11:42",
    "{d:%Y-%m-%d}",
    "{d:%B} {d.day}, {d:%Y}",
    "{d.day} {d:%B} {d:%Y}",
    "{d:%b} {d.day}, {d:%Y} 10:00 ET",
    "{d.year}年{d.month}月{d.day}日",
]


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)),
    st.sampled_from(BYLINE_PATTERNS),
)
def test_any_real_date_round_trips_through_a_byline(day: date, pattern: str) -> None:
    byline = pattern.format(d=day)
    article = article_from(f"Acme news\n{byline}\n\nAcme sold cars on Friday.").article
    assert article.published == day.isoformat()
    assert article.published_inferred is False


def assert_consistent(article: Article) -> None:
    assert article.id == "art_" + hashlib.sha256(article.body.encode()).hexdigest()
    assert normalise(article.body) == article.body
    assert article.title and article.published
    date.fromisoformat(article.published)
    previous_end = -1
    for start, end in article.boilerplate:
        assert previous_end < start < end <= len(article.body)
        previous_end = end


@pytest.mark.parametrize(
    "chunk",
    ["1.", "1.1.", "Jan 1 ", "a" * 50 + " ", "- [x](y)\n", "Ad\n", "# h\n", "@ ", "\n\n\n\n"],
)
def test_large_adversarial_input_is_fast(chunk: str) -> None:
    text = "Acme news\n2026-01-09\n\nAcme sold cars.\n" + chunk * (400_000 // len(chunk))
    started = time.perf_counter()
    with contextlib.suppress(ArticleError):
        article_from(text)
    assert time.perf_counter() - started < 5
