"""Make a process die by SIGKILL at an exact point of its SQLite work.

`install()` wraps `sqlite3.connect` so that every connection the engine opens counts the SQL
statements it starts (trace callback) or its VM steps (progress handler) and the process
SIGKILLs itself at the chosen one: no `finally`, no atexit, no rollback, exactly like
`kill -9` or a power cut from the log's point of view. In record mode it writes each
statement's first words to a file instead, so a test knows how many points there are and
which of them fall inside an open write transaction.

As a script it runs the real CLI under those conditions:

    python -m tests.reliability.crashy --kill-at-stmt 57 -- ingest DIR --db X
"""

from __future__ import annotations

import argparse
import os
import signal
import sqlite3

VM_STEP = 50  # progress handler granularity (SQLite VM instructions per call)


def install(
    kill_at_stmt: int | None = None,
    kill_at_vm: int | None = None,
    record: str | None = None,
) -> dict[str, int]:
    counters = {"stmt": 0, "vm": 0}
    log = open(record, "a", encoding="utf-8") if record else None  # noqa: SIM115
    real_connect = sqlite3.connect

    def on_statement(sql: str) -> None:
        counters["stmt"] += 1
        if log is not None:
            log.write(" ".join(sql.split()[:4])[:60].replace("\n", " ") + "\n")
            log.flush()
        if kill_at_stmt is not None and counters["stmt"] >= kill_at_stmt:
            os.kill(os.getpid(), signal.SIGKILL)

    def on_progress() -> int:
        counters["vm"] += 1
        if kill_at_vm is not None and counters["vm"] >= kill_at_vm:
            os.kill(os.getpid(), signal.SIGKILL)
        return 0

    def connect(*args, **kwargs):  # type: ignore[no-untyped-def]
        conn = real_connect(*args, **kwargs)
        conn.set_trace_callback(on_statement)
        if kill_at_vm is not None or log is not None:
            conn.set_progress_handler(on_progress, VM_STEP)
        return conn

    sqlite3.connect = connect  # type: ignore[assignment]
    return counters


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kill-at-stmt", type=int)
    parser.add_argument("--kill-at-vm", type=int)
    parser.add_argument("--record")
    parser.add_argument("cli", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    install(args.kill_at_stmt, args.kill_at_vm, args.record)
    cli = args.cli[1:] if args.cli[:1] == ["--"] else args.cli
    from timeline.cli import app

    app(cli, prog_name="timeline")


if __name__ == "__main__":
    main()
