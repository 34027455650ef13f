"""The contract every log backend must pass (SQLite now, PostgreSQL later).

A backend's test module subclasses `StoreContract` and provides:

- `open(location)`: a store over the given directory (the same location reopens the same
  log: persistence is part of the contract);
- `raw(store, sql, params)`: run SQL behind the store's back (for the append-only tests).

Everything else goes through the `EventStore` protocol only, so the same tests hold any
backend to the same promises: append idempotence, gap-free seq from 1, a hash chain that
`verify()` recomputes, UPDATE/DELETE refused by the database itself, one transaction per
article, re-extraction that supersedes, and reads that filter as documented.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import msgspec
import pytest

from events.errors import EventNotFoundError, InvalidEventError, TimelineError
from events.model import ExtractorRef, RetractionData, encode_event, make_event
from events.values import Money, When
from tests.reliability.helpers import EXTRACTOR, make_article, make_events
from timeline.store.base import EventQuery, EventStore

V2 = ExtractorRef(name="handmade", version="2")
V10 = ExtractorRef(name="handmade", version="10")


class StoreContract:
    """Subclass and implement `open` and `raw`; pytest collects the tests below."""

    def open(self, location: Path) -> EventStore:
        raise NotImplementedError

    def raw(self, store: EventStore, sql: str, params: tuple = ()) -> Any:
        raise NotImplementedError

    @pytest.fixture
    def location(self, tmp_path: Path) -> Path:
        return tmp_path

    @pytest.fixture
    def store(self, location: Path):
        store = self.open(location)
        yield store
        store.close()

    # --- append ----------------------------------------------------------------------------

    def test_empty_store(self, store):
        assert store.last_seq() == 0
        assert list(store.iter_events()) == []
        report = store.verify()
        assert report.ok and report.events == 0

    def test_seq_is_gap_free_from_one_across_appends(self, store):
        for n in range(5):
            article = make_article(n)
            store.append_article(article, make_events(article, n, n + 1), EXTRACTOR)
        seqs = [e.seq for e in store.iter_events()]
        assert seqs == list(range(1, 16))
        assert store.last_seq() == 15

    def test_append_is_idempotent(self, store):
        article = make_article(1)
        events = make_events(article, 1, 4)
        first = store.append(events)
        again = store.append(events)
        assert len(first.added) == 4 and not first.present
        assert not again.added and set(again.present) == {e.id for e in events}
        assert store.last_seq() == 4

    def test_append_dedups_within_one_batch(self, store):
        events = make_events(make_article(1), 1, 3)
        result = store.append(events + events[:2])
        assert len(result.added) == 3
        assert store.last_seq() == 3

    def test_append_article_is_idempotent(self, store):
        article = make_article(2)
        events = make_events(article, 2, 3)
        first = store.append_article(article, events, EXTRACTOR)
        again = store.append_article(article, events, EXTRACTOR)
        assert first.article_new and len(first.added) == 3
        assert not again.article_new and not again.added and not again.retracted
        assert set(again.present) == {e.id for e in events}
        assert store.last_seq() == 3

    def test_stamps_seq_and_utc_recorded_and_keeps_the_rest(self, store):
        article = make_article(3)
        events = make_events(article, 3, 2)
        store.append_article(article, events, EXTRACTOR)
        stored = list(store.iter_events())
        for original, got in zip(events, stored, strict=True):
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", got.recorded)
            assert msgspec.structs.replace(got, seq=0, recorded="") == original

    # --- the chain and append-only ---------------------------------------------------------

    def test_verify_recomputes_the_chain(self, store):
        for n in range(3):
            article = make_article(n)
            store.append_article(article, make_events(article, n, 3), EXTRACTOR)
        report = store.verify()
        assert report.ok, report.problems
        assert (report.events, report.articles, report.last_seq) == (9, 3, 9)

    def test_verify_checks_extracted_evidence_against_the_article(self, store):
        article = make_article(5)
        good = make_events(article, 5, 1)[0]
        moved = msgspec.structs.replace(good.evidence, start=1, end=21)
        bad = make_event(
            "milestone",
            entity=good.entity,
            when=good.when,
            reported=good.reported,
            source=good.source,
            evidence=moved,
            data=msgspec.structs.replace(make_events(article, 5, 2)[1].data, kind="moved"),
            extractor=EXTRACTOR,
        )
        store.append_article(article, [good, bad], EXTRACTOR)
        report = store.verify()
        assert not report.ok
        assert report.problems == (
            f"seq 2: the evidence of {bad.id} is not its article's text at 1-21 "
            "(an extractor bug, or an edited row)",
        )

    def test_verify_notes_events_whose_article_is_not_in_the_log(self, store):
        merged = [e for n in (6, 7) for e in make_events(make_article(n), n, 2)]
        store.append(merged)  # as `timeline add` of an export: events without article bodies
        report = store.verify()
        assert report.ok, report.problems
        assert report.notes == (
            "4 events cite 2 articles whose text is not in this log (merged with `timeline "
            "add` or written by hand): their evidence is not checked",
        )

    def test_database_refuses_update_and_delete(self, store):
        article = make_article(4)
        store.append_article(article, make_events(article, 4, 2), EXTRACTOR)
        for sql in (
            "UPDATE events SET entity = 'x' WHERE seq = 1",
            "DELETE FROM events WHERE seq = 2",
            "UPDATE articles SET title = 'x'",
            "DELETE FROM articles",
        ):
            with pytest.raises(Exception, match="append-only"):
                self.raw(store, sql)
        assert store.verify().ok and store.last_seq() == 2

    def test_log_persists_across_reopen(self, store, location):
        article = make_article(5)
        store.append_article(article, make_events(article, 5, 2), EXTRACTOR)
        ids = [e.id for e in store.iter_events()]
        store.close()
        reopened = self.open(location)
        try:
            assert [e.id for e in reopened.iter_events()] == ids
            assert reopened.verify().ok
            more = make_article(6)
            reopened.append_article(more, make_events(more, 6, 1), EXTRACTOR)
            assert reopened.last_seq() == 3 and reopened.verify().ok
        finally:
            reopened.close()

    # --- one transaction per article -------------------------------------------------------

    def test_an_article_lands_whole_or_not_at_all(self, store):
        article = make_article(7)
        good = make_events(article, 7, 3)
        poison = msgspec.structs.replace(
            good[0],
            data=msgspec.structs.replace(
                good[0].data, close=Money(amount=float("nan"), currency="HKD")
            ),
        )
        with pytest.raises(TimelineError):
            store.append_article(article, [good[1], good[2], poison], EXTRACTOR)
        assert store.last_seq() == 0
        assert list(store.iter_events(EventQuery(article=article.id))) == []
        with pytest.raises(EventNotFoundError):
            store.article(article.id)
        result = store.append_article(article, good, EXTRACTOR)  # and the store still works
        assert result.article_new and len(result.added) == 3
        assert store.verify().ok

    def test_a_failed_batch_append_writes_nothing(self, store):
        events = make_events(make_article(8), 8, 3)
        bad = msgspec.structs.replace(
            events[2],
            data=msgspec.structs.replace(
                events[2].data, close=Money(amount=float("inf"), currency="HKD")
            ),
        )
        with pytest.raises(InvalidEventError):
            store.append([events[0], events[1], bad])
        assert store.last_seq() == 0

    # --- re-extraction ----------------------------------------------------------------------

    def test_newer_extractor_supersedes_and_older_is_skipped(self, store):
        article = make_article(9)
        v1 = make_events(article, 9, 3)  # ids do not depend on the extractor
        v2 = v1[1:] + make_events(article, 9, 4, V2)[3:]
        first = store.append_article(article, v1, EXTRACTOR)
        second = store.append_article(article, v2, V2)
        assert len(first.added) == 3
        assert second.added == (v2[-1].id,)
        assert second.retracted == (v1[0].id,)
        assert set(second.present) == {v1[1].id, v1[2].id}
        retraction = store.retractions_of([v1[0].id])[v1[0].id]
        assert retraction.data.reason == "superseded by handmade 2"
        assert v1[0].id in store.retracted_ids()
        assert store.get(v1[0].id).id == v1[0].id  # the history stays readable
        older = store.append_article(article, v1, EXTRACTOR)
        assert not older.added and "newer handmade 2" in (older.skipped_reason or "")
        assert store.last_seq() == 5
        newest = store.append_article(article, v2, V10)  # "10" is newer than "2"
        assert not newest.added and not newest.retracted and newest.skipped_reason is None
        assert store.verify().ok

    def test_the_same_extractor_again_appends_nothing(self, store):
        article = make_article(11)
        events = make_events(article, 11, 3)
        store.append_article(article, events, EXTRACTOR)
        again = store.append_article(article, events, EXTRACTOR)
        assert not again.added and set(again.present) == {e.id for e in events}
        assert again.skipped_reason is None
        # other dates for the same body (say, another --published): still nothing appended,
        # nothing retracted, and the user is told how to change them
        other = make_events(article, 12, 3)
        changed = store.append_article(article, other, EXTRACTOR)
        assert not changed.added and not changed.retracted
        assert "retract" in (changed.skipped_reason or "")
        assert store.last_seq() == 3

    def test_a_second_retraction_of_one_event_is_not_appended(self, store):
        article = make_article(13)
        [target] = make_events(article, 13, 1)
        store.append_article(article, [target], EXTRACTOR)

        def retraction(reason: str):
            return make_event(
                "retraction",
                entity=target.entity,
                when=target.when,
                reported=target.reported,
                source=target.source,
                data=RetractionData(target=target.id, reason=reason),
            )

        first, second = retraction("wrong figure"), retraction("duplicate story")
        assert store.append([first]).added == (first.id,)
        late = store.append([second])  # e.g. another user at the same moment
        assert late.added == () and late.present == (second.id,)
        assert store.retractions_of([target.id])[target.id].id == first.id

    # --- reads ------------------------------------------------------------------------------

    def test_get_by_id_and_by_unique_prefix(self, store):
        article = make_article(10)
        events = make_events(article, 10, 2)
        store.append_article(article, events, EXTRACTOR)
        assert store.get(events[0].id) == next(iter(store.iter_events()))
        assert store.get(events[1].id[:12]).id == events[1].id
        assert store.get(events[1].id[3:16]).id == events[1].id  # without the ev_ prefix
        for missing in ("ev_nope", "ev_", "%", "_", events[0].id + "0"):
            with pytest.raises(EventNotFoundError):
                store.get(missing)

    def test_article_roundtrip(self, store):
        article = make_article(11, extra=" ünïcødé 新闻 \u202e")
        store.append_article(article, make_events(article, 11, 1), EXTRACTOR)
        assert store.article(article.id) == article
        with pytest.raises(LookupError):
            store.article("art_missing")

    def test_payload_batches_are_the_canonical_events_in_log_order(self, store):
        for n in range(5):
            article = make_article(n)
            store.append_article(article, make_events(article, n, 3), EXTRACTOR)
        batches = list(store.iter_payload_batches(batch=4))
        assert [len(b) for b in batches] == [4, 4, 4, 3]
        assert [p for b in batches for p in b] == [encode_event(e) for e in store.iter_events()]
        xiaomi = [p for b in store.iter_payload_batches(EventQuery(entity="xiaomi")) for p in b]
        assert xiaomi == [encode_event(e) for e in store.iter_events(EventQuery(entity="xiaomi"))]
        assert xiaomi and len(xiaomi) < 15

    def test_iter_events_filters(self, store):
        for n in range(6):  # entities cycle xiaomi, byd, gm; days 2025-01-01 + n
            article = make_article(n)
            store.append_article(article, make_events(article, n, 2), EXTRACTOR)

        def ids(**query):
            return [e.seq for e in store.iter_events(EventQuery(**query))]

        assert ids(entity="xiaomi") == [1, 2, 7, 8]
        assert ids(types=("milestone",)) == [2, 4, 6, 8, 10, 12]
        assert ids(since="2025-01-05") == [9, 10, 11, 12]
        assert ids(until="2025-01-02") == [1, 2, 3, 4]
        assert ids(known_at="2025-01-01") == [1, 2]
        assert ids(article=make_article(2).id) == [5, 6]
        assert ids(after_seq=10) == [11, 12]
        assert ids(limit=3) == [1, 2, 3]
        assert ids(entity="gm", types=("stock_price",), since="2025-01-01") == [5, 11]

    def test_asof_events_and_retractions(self, store):
        for n in (0, 3, 6):  # xiaomi on 2025-01-01, -04, -07
            article = make_article(n)
            store.append_article(article, make_events(article, n, 1), EXTRACTOR)
        target = store.get(make_events(make_article(3), 3, 1)[0].id)
        retraction = make_event(
            "retraction",
            entity="xiaomi",
            when=When.day("2025-02-01"),
            reported="2025-02-01",
            source=target.source,
            data=RetractionData(target=target.id, reason="wrong"),
            extractor=ExtractorRef(name="manual", version="1"),
        )
        store.append([retraction])
        seen = store.asof_events("xiaomi", "2025-01-05", None)
        assert [e.when.start for e in seen] == ["2025-01-01", "2025-01-04"]  # no retractions
        assert [e.seq for e in store.asof_events("xiaomi", "2025-12-31", "2025-01-02")] == [1]
        assert store.retracted_ids("xiaomi") == {target.id}
        assert store.retracted_ids("xiaomi", known_at="2025-01-31") == set()
        assert store.retracted_ids("byd") == set()
        assert store.retractions_of([target.id, "ev_x"])[target.id].id == retraction.id
        assert store.entity_counts() == {"xiaomi": 3}
        assert store.verify().ok
