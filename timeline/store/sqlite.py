"""The SQLite log: append-only, hash-chained, one transaction per article, WAL.

Writers take the write lock up front (`BEGIN IMMEDIATE`), read the chain's tip, and append
with `seq = tip + 1 ...`: `seq` is gap-free and the chain is linear even with several
processes ingesting at once. sqlite errors are translated to `StoreError` at this boundary.
"""

from __future__ import annotations

import functools
import hashlib
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from events.articles import Article, article_id
from events.errors import EventNotFoundError, InvalidEventError, StoreError
from events.model import (
    Event,
    ExtractorRef,
    RetractionData,
    Source,
    decode_event,
    encode_event,
    make_event,
)
from timeline.store.base import AppendResult, EventQuery, VerifyReport
from timeline.store.lazy import decode_lazy
from timeline.store.schema import ensure_schema

if TYPE_CHECKING:
    import sqlite_utils

GENESIS = "0" * 64
_json = msgspec.json.Encoder(order="deterministic")
_BUSY_TIMEOUT_S = 60.0
_ALL = EventQuery()  # no filter: the whole log

_INSERT = (
    "INSERT INTO events (seq, id, type, entity, when_start, when_end, when_label, visible_from,"
    " reported, recorded, article, extractor, target, data, payload, prev_hash, hash)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def utc_now() -> str:
    """The `recorded` timestamp: timezone-aware UTC, ISO 8601 with a Z."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def chain_hash(prev_hash: str, payload: bytes) -> str:
    """Each event's hash covers the previous hash and its own canonical payload."""
    return hashlib.sha256(prev_hash.encode() + payload).hexdigest()


def visible_from(event: Event) -> str:
    """The first as-of day on which an event counts: its end, or its report day if planned."""
    return min(event.when.end, event.reported)


def _row(stamped: Event, payload: str, prev: str, digest: str) -> tuple:
    """An events row, in `_INSERT`'s column order, from a stamped event and its payload."""
    event = stamped
    return (
        event.seq,
        event.id,
        event.type,
        event.entity,
        event.when.start,
        event.when.end,
        event.when.label,
        visible_from(event),
        event.reported,
        event.recorded,
        event.source.article,
        event.extractor.name + "/" + event.extractor.version if event.extractor else None,
        event.data.target if event.type == "retraction" else None,  # type: ignore[attr-defined]
        _json.encode(event.data).decode(),
        payload,
        prev,
        digest,
    )


_COLUMNS = (
    "seq",
    "id",
    "type",
    "entity",
    "when_start",
    "when_end",
    "when_label",
    "visible_from",
    "reported",
    "recorded",
    "article",
    "extractor",
    "target",
    "data",
    "payload",
    "prev_hash",
    "hash",
)


def _readable(event: Event, payload: bytes) -> None:
    """Refuse an event whose payload would not decode again (NaN or infinity encode as null):
    in an append-only log it would break every later read of the log."""
    try:
        decode_event(payload)
    except msgspec.ValidationError as e:
        raise InvalidEventError(
            f"{event.source.origin}: a {event.type} event cannot be stored: it does not read "
            f"back ({e}; a number is probably infinite or NaN); nothing was written"
        ) from None


def _explain(error: sqlite3.Error) -> str:
    """sqlite's message plus what the user can do about it."""
    message = str(error)
    if "locked" in message or "busy" in message:
        return (
            f"another process held the log's write lock for over {_BUSY_TIMEOUT_S:g}s; "
            "try again when it has finished"
        )
    if "readonly" in message or "read-only" in message:
        return (
            f"{message}: the file or its directory is read-only; "
            "check permissions or use another --db"
        )
    if "unable to open" in message:
        return (
            f"{message}: the file or its folder is missing or not writable; "
            "check the path and permissions"
        )
    if "disk is full" in message or "disk I/O" in message or "too large" in message:
        return f"{message}: check free disk space (and file size limits)"
    return message


def _version_key(version: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in version.replace("-", ".").split("."))


class _EvidenceCheck:
    """Each event's evidence must be its article's stored body at the stated offsets.

    Events of one article sit together in the log, so one body is kept at a time. Events
    whose article is not in this log (merged with `timeline add` from an export, which
    carries no bodies, or written by hand) cannot be checked: they are counted for a note.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.article: str | None = None
        self.body: str | None = None
        self.unchecked: dict[str, int] = {}
        self.misquoted = 0

    def check(self, event: Event) -> str | None:
        article = event.source.article
        if not article:
            return None
        if article != self.article:
            row = self.conn.execute("SELECT body FROM articles WHERE id=?", (article,)).fetchone()
            self.article, self.body = article, row[0] if row else None
        if self.body is None:
            self.unchecked[article] = self.unchecked.get(article, 0) + 1
            return None
        ev = event.evidence
        if ev is None or self.body[ev.start : ev.end] == ev.text:
            return None
        if event.extractor is None:  # written by hand: the writer's quotation, not a break
            self.misquoted += 1
            return None
        return (
            f"the evidence of {event.id} is not its article's text at {ev.start}-{ev.end} "
            f"(an extractor bug, or an edited row)"
        )

    def notes(self) -> tuple[str, ...]:
        notes = []
        if self.unchecked:
            events, articles = sum(self.unchecked.values()), len(self.unchecked)
            notes.append(
                f"{events} events cite {articles} articles whose text is not in this log "
                "(merged with `timeline add` or written by hand): their evidence is not checked"
            )
        if self.misquoted:
            notes.append(
                f"{self.misquoted} hand-written events quote their article inexactly "
                "(evidence text differs from the article at its offsets)"
            )
        return tuple(notes)


class SQLiteStore:
    """The embedded default log (see DESIGN.md section 5)."""

    def __init__(self, path: Path | str, *, readonly: bool = False) -> None:
        self.path = Path(path)
        try:
            if readonly:
                uri = f"file:{self.path}?mode=ro"
                conn = sqlite3.connect(uri, uri=True, timeout=_BUSY_TIMEOUT_S, isolation_level=None)
            else:
                conn = sqlite3.connect(self.path, timeout=_BUSY_TIMEOUT_S, isolation_level=None)
            conn.execute(f"PRAGMA busy_timeout = {int(_BUSY_TIMEOUT_S * 1000)}")
            if not readonly:
                self._retry(lambda: conn.execute("PRAGMA journal_mode = WAL"))
                conn.execute("PRAGMA synchronous = NORMAL")
                self._retry(lambda: ensure_schema(conn, self.path))
        except sqlite3.DatabaseError as e:
            hint = _explain(e)
            hint = hint if hint != str(e) else f"{e}; check the path"
            raise StoreError(f"{self.path}: cannot open the log ({hint})") from e
        self.conn = conn

    @functools.cached_property
    def db(self) -> sqlite_utils.Database:
        """The log as a sqlite-utils Database, for exploring it from Python (made on first
        use: importing sqlite-utils costs every CLI command ~80 ms)."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn, execute_plugins=False)

    # --- plumbing ----------------------------------------------------------------------------

    @staticmethod
    def _retry(action, attempts: int = 20):
        """Bounded retries for the rare `database is locked` that busy_timeout does not absorb.

        Bounded in time too: once the busy timeout has passed in total, the error stands
        (otherwise a lock held forever would cost attempts x busy_timeout).
        """
        deadline = time.monotonic() + _BUSY_TIMEOUT_S
        for attempt in range(attempts):
            try:
                return action()
            except sqlite3.OperationalError as e:
                if ("locked" not in str(e) and "busy" not in str(e)) or attempt == attempts - 1:
                    raise
                if time.monotonic() > deadline:
                    raise
                time.sleep(min(0.05 * 2**attempt, 1.0))
        return None

    @contextmanager
    def _write(self):
        """One write transaction holding the write lock from the start."""
        try:
            self._retry(lambda: self.conn.execute("BEGIN IMMEDIATE"))
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{self.path}: cannot write to the log ({_explain(e)})") from e
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except sqlite3.DatabaseError as e:
            # SQLite rolls back by itself on some errors (disk full, I/O): then there is
            # nothing left to roll back, and trying would hide the real error.
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise StoreError(
                f"{self.path}: write failed ({_explain(e)}); nothing was written"
            ) from e
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    def _tip(self) -> tuple[int, str]:
        row = self.conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
        return (row[0], row[1]) if row else (0, GENESIS)

    def _insert(self, events: Sequence[Event]) -> list[str]:
        """Stamp and chain events after the tip; caller holds the write transaction."""
        seq, prev = self._tip()
        recorded = utc_now()
        rows = []
        for event in events:
            seq += 1
            stamped = msgspec.structs.replace(event, seq=seq, recorded=recorded)
            payload = encode_event(stamped)
            _readable(stamped, payload)
            digest = chain_hash(prev, payload)
            rows.append(_row(stamped, payload.decode(), prev, digest))
            prev = digest
        self.conn.executemany(_INSERT, rows)
        return [row[1] for row in rows]

    def _retracted_targets(self, targets: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(targets), 500):
            chunk = targets[i : i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(
                r[0]
                for r in self.conn.execute(
                    f"SELECT target FROM events WHERE target IN ({marks})", chunk
                )
            )
        return found

    def _existing_ids(self, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(
                r[0]
                for r in self.conn.execute(f"SELECT id FROM events WHERE id IN ({marks})", chunk)
            )
        return found

    # --- writes ------------------------------------------------------------------------------

    def append(self, events: Sequence[Event]) -> AppendResult:
        """Append events not already in the log, in one transaction (batch append).

        A retraction of an event that is already retracted counts as present: checked under
        the write lock, so two users retracting one event at once append one retraction.
        """
        unique = list({e.id: e for e in events}.values())
        with self._write():
            present = self._existing_ids([e.id for e in unique])
            targets = [e.data.target for e in unique if e.type == "retraction"]  # type: ignore[attr-defined]
            if targets:
                done = self._retracted_targets(targets)
                present |= {
                    e.id
                    for e in unique
                    if e.type == "retraction" and e.data.target in done  # type: ignore[attr-defined]
                }
            added = self._insert([e for e in unique if e.id not in present])
        return AppendResult(
            added=tuple(added), present=tuple(e.id for e in unique if e.id in present)
        )

    def append_article(
        self, article: Article, events: Sequence[Event], extractor: ExtractorRef
    ) -> AppendResult:
        """Store an article and its events atomically; retract what a newer extractor dropped."""
        unique = list({e.id: e for e in events}.values())
        with self._write():
            article_new = self._insert_article(article)
            versions = [
                r[0]
                for r in self.conn.execute(
                    "SELECT version FROM extractions WHERE article=? AND extractor=?",
                    (article.id, extractor.name),
                )
            ]
            if versions and max(map(_version_key, versions)) > _version_key(extractor.version):
                newest = max(versions, key=_version_key)
                return AppendResult(
                    present=tuple(e.id for e in unique),
                    skipped_reason=f"already extracted by the newer {extractor.name} {newest}",
                )
            present = self._existing_ids([e.id for e in unique])
            if extractor.version in versions:  # same extractor again: append nothing
                return AppendResult(
                    present=tuple(e.id for e in unique if e.id in present),
                    skipped_reason=None
                    if len(present) == len(unique)
                    else (
                        f"already extracted by {extractor.name} {extractor.version} with other"
                        " dates; to change them, retract its events and `timeline add` new ones"
                    ),
                )
            retracted = (
                self._supersede(article, {e.id for e in unique}, extractor) if versions else []
            )
            added = self._insert([e for e in unique if e.id not in present])
            self.conn.execute(
                "INSERT OR IGNORE INTO extractions (article, extractor, version, events, recorded)"
                " VALUES (?, ?, ?, ?, ?)",
                (article.id, extractor.name, extractor.version, len(unique), utc_now()),
            )
        return AppendResult(
            added=tuple(added),
            present=tuple(e.id for e in unique if e.id in present),
            retracted=tuple(retracted),
            article_new=article_new,
        )

    def _insert_article(self, article: Article) -> bool:
        cursor = self.conn.execute(
            "INSERT OR IGNORE INTO articles (id, title, url, publisher, published, published_at,"
            " published_inferred, origin, language, boilerplate, body, recorded)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.id,
                article.title,
                article.url,
                article.publisher,
                article.published,
                article.published_at,
                int(article.published_inferred),
                article.origin,
                article.language,
                _json.encode(article.boilerplate).decode(),
                article.body,
                utc_now(),
            ),
        )
        return cursor.rowcount == 1

    def _supersede(self, article: Article, keep: set[str], extractor: ExtractorRef) -> list[str]:
        """Retract the article's live events from this extractor that the new run dropped."""
        rows = self.conn.execute(
            "SELECT payload FROM events e WHERE article=? AND type != 'retraction'"
            " AND extractor LIKE ? AND NOT EXISTS (SELECT 1 FROM events r WHERE r.target = e.id)",
            (article.id, extractor.name + "/%"),
        ).fetchall()
        stale = [decode_event(r[0]) for r in rows]
        retractions = [
            make_event(
                "retraction",
                entity=old.entity,
                when=old.when,
                reported=old.reported,
                source=Source(
                    article=article.id,
                    origin=article.origin,
                    title=article.title,
                    url=article.url,
                    published=article.published,
                ),
                data=RetractionData(
                    target=old.id,
                    reason=f"superseded by {extractor.name} {extractor.version}",
                ),
                extractor=extractor,
            )
            for old in stale
            if old.id not in keep
        ]
        return self._insert(retractions) and [r.data.target for r in retractions]  # type: ignore[attr-defined]

    # --- reads -------------------------------------------------------------------------------

    def get(self, event_id: str) -> Event:
        row = self.conn.execute("SELECT payload FROM events WHERE id=?", (event_id,)).fetchone()
        if row is None and event_id.startswith("ev_") is False:
            row = self.conn.execute(
                "SELECT payload FROM events WHERE id=?", ("ev_" + event_id,)
            ).fetchone()
        if row is None:
            prefix = event_id if event_id.startswith("ev_") else "ev_" + event_id
            pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            matches = self.conn.execute(
                "SELECT payload FROM events WHERE id LIKE ? ESCAPE '\\' LIMIT 2", (pattern + "%",)
            ).fetchall()
            if len(matches) == 1:
                row = matches[0]
        if row is None:
            raise EventNotFoundError(
                f"no event {event_id!r} in {self.path}; list ids with `timeline events`"
            )
        return decode_event(row[0])

    def article(self, article_id: str) -> Article:
        found = self.articles([article_id])
        if not found:
            raise EventNotFoundError(f"no article {article_id!r} in {self.path}")
        return found[0]

    def articles(self, article_ids: Sequence[str]) -> list[Article]:
        """The stored articles among `article_ids`, in the order asked; absent ones left out."""
        names = [d[0] for d in self.conn.execute("SELECT * FROM articles LIMIT 0").description]
        found: dict[str, Article] = {}
        for i in range(0, len(article_ids), 500):
            chunk = list(article_ids[i : i + 500])
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(f"SELECT * FROM articles WHERE id IN ({marks})", chunk):
                record = dict(zip(names, row, strict=True))
                record.pop("recorded")
                record["published_inferred"] = bool(record["published_inferred"])
                record["boilerplate"] = msgspec.json.decode(record["boilerplate"])
                found[record["id"]] = msgspec.convert(record, Article)
        return [found[a] for a in article_ids if a in found]

    def append_articles(self, articles: Sequence[Article]) -> int:
        """Store articles without extracting them (a merge brings them with their events).

        Each must be content-addressed (`id` is the hash of `body`); returns how many were new.
        """
        for article in articles:
            if article_id(article.body) != article.id:
                raise InvalidEventError(
                    f"article {article.id}: its body does not match its id (edited text?); "
                    "nothing was written"
                )
        with self._write():
            return sum(self._insert_article(a) for a in articles)

    def iter_events(
        self, query: EventQuery = _ALL, *, batch: int = 5000, lazy: bool = False
    ) -> Iterator[Event]:
        """Stream events in seq order, a batch of rows at a time (constant memory).

        `lazy`: for folding; source, evidence and extractor stay raw JSON (`store.lazy`).
        """
        where, params = ["seq > ?"], [query.after_seq]
        if query.entity:
            where.append("entity = ?")
            params.append(query.entity)
        if query.types:
            where.append(f"type IN ({','.join('?' * len(query.types))})")
            params.extend(query.types)
        if query.since:
            where.append("when_end >= ?")
            params.append(query.since)
        if query.until:
            where.append("when_start <= ?")
            params.append(query.until)
        if query.known_at:
            where.append("reported <= ?")
            params.append(query.known_at)
        if query.article:
            where.append("article = ?")
            params.append(query.article)
        # As bytes (BLOB), not str: msgspec decodes bytes without a UTF-8 round trip (~20% faster).
        sql = f"SELECT CAST(payload AS BLOB) FROM events WHERE {' AND '.join(where)} ORDER BY seq"
        if query.limit is not None:
            sql += f" LIMIT {int(query.limit)}"
        cursor = self.conn.execute(sql, params)
        decode = decode_lazy if lazy else decode_event
        while rows := cursor.fetchmany(batch):
            for (payload,) in rows:
                yield decode(payload)

    def iter_payloads(self, query: EventQuery = _ALL, *, batch: int = 1000) -> Iterator[bytes]:
        """Raw canonical JSON bytes of each event in seq order (see `iter_payload_batches`)."""
        for chunk in self.iter_payload_batches(query, batch=batch):
            yield from chunk

    def iter_payload_batches(
        self, query: EventQuery = _ALL, *, batch: int = 4096
    ) -> Iterator[list[bytes]]:
        """Lists of raw canonical JSON bytes, in seq order: the fast path for exports.

        Read as BLOB (no str decode and re-encode) and unpacked with `map`, a list at a
        time, so no Python bytecode runs per event, not even a generator's resume: the
        exporter joins and writes each list whole. One list alive at a time: memory stays
        flat however long the log.
        """
        where, params = ["seq > ?"], [query.after_seq]
        if query.entity:
            where.append("entity = ?")
            params.append(query.entity)
        sql = f"SELECT CAST(payload AS BLOB) FROM events WHERE {' AND '.join(where)} ORDER BY seq"
        cursor = self.conn.execute(sql, params)
        while rows := cursor.fetchmany(batch):
            yield list(map(itemgetter(0), rows))
            del rows

    def asof_events(self, entity: str, as_of: str, known_at: str | None) -> list[Event]:
        """One entity's events visible at `as_of` and known by `known_at`, in (when, seq) order.

        Reads through the (entity, visible_from, reported) index only: never the whole log.
        The events are lazy (`store.lazy`): what a fold reads, without the evidence.
        """
        sql = (
            "SELECT CAST(payload AS BLOB) FROM events WHERE entity = ? AND visible_from <= ?"
            " AND type != 'retraction'"
        )
        params: list[str] = [entity, as_of]
        if known_at is not None:
            sql += " AND reported <= ?"
            params.append(known_at)
        sql += " ORDER BY when_start, when_end, seq"
        return [decode_lazy(r[0]) for r in self.conn.execute(sql, params)]

    def retracted_ids(self, entity: str | None = None, known_at: str | None = None) -> set[str]:
        sql, params = "SELECT target FROM events WHERE type = 'retraction'", []
        if entity is not None:
            sql += " AND entity = ?"
            params.append(entity)
        if known_at is not None:
            sql += " AND reported <= ?"
            params.append(known_at)
        return {r[0] for r in self.conn.execute(sql, params)}

    def retractions_of(self, event_ids: Iterable[str]) -> dict[str, Event]:
        ids = list(event_ids)
        found: dict[str, Event] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for (payload,) in self.conn.execute(
                f"SELECT payload FROM events WHERE target IN ({marks}) ORDER BY seq", chunk
            ):
                event = decode_event(payload)
                found.setdefault(event.data.target, event)  # type: ignore[attr-defined]
        return found

    def entity_counts(self) -> dict[str, int]:
        return dict(
            self.conn.execute(
                "SELECT entity, count(*) FROM events WHERE type != 'retraction'"
                " GROUP BY entity ORDER BY entity"
            ).fetchall()
        )

    def last_seq(self) -> int:
        return self._tip()[0]

    def count_articles(self) -> int:
        return self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    # --- integrity ---------------------------------------------------------------------------

    def verify(self) -> VerifyReport:
        """Recompute seq continuity, each row's columns against its payload, the hash chain,
        article bodies against their ids and each event's evidence against its article."""
        problems: list[str] = []
        expected_seq, prev = 1, GENESIS
        ids: set[str] = set()
        evidence = _EvidenceCheck(self.conn)
        cursor = self.conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM events ORDER BY seq")
        for row in cursor:
            seq, id_, payload, prev_hash, digest = row[0], row[1], row[14], row[15], row[16]
            if seq != expected_seq:
                problems.append(f"seq {expected_seq}: missing (next row is seq {seq})")
                break
            if prev_hash != prev:
                problems.append(f"seq {seq}: prev_hash does not match the hash of seq {seq - 1}")
                break
            if chain_hash(prev, payload.encode()) != digest:
                problems.append(f"seq {seq}: hash does not match its payload (edited row)")
                break
            try:
                event = decode_event(payload)
            except msgspec.ValidationError as e:
                problems.append(f"seq {seq}: payload is not a valid event ({e})")
                break
            derived = _row(event, payload, prev, digest)
            edited = [name for name, a, b in zip(_COLUMNS, row, derived, strict=True) if a != b]
            if edited:
                problems.append(
                    f"seq {seq}: column {', '.join(edited)} disagrees with the payload (edited row)"
                )
                break
            if id_ in ids:
                problems.append(f"seq {seq}: duplicate event id {id_}")
                break
            if (wrong := evidence.check(event)) is not None:
                problems.append(f"seq {seq}: {wrong}")
                break
            ids.add(id_)
            expected_seq, prev = seq + 1, digest
        articles = self.count_articles()
        for stored_id, body in self.conn.execute("SELECT id, body FROM articles ORDER BY rowid"):
            if article_id(body) != stored_id:  # articles are content-addressed: ids check bodies
                problems.append(f"article {stored_id}: body does not match its id (edited article)")
                break
        for trigger in ("events_no_update", "events_no_delete"):
            if not self.conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='trigger' AND name=?", (trigger,)
            ).fetchone():
                problems.append(f"trigger {trigger} is missing: the log is not append-only")
        return VerifyReport(
            events=expected_seq - 1,
            articles=articles,
            last_seq=self.last_seq(),
            problems=tuple(problems),
            tip=prev,
            notes=evidence.notes(),
        )

    def close(self) -> None:
        self.conn.close()
