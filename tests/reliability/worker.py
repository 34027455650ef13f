"""A writer process for the crash and concurrency tests: appends hand-made articles.

    python -m tests.reliability.worker --db X --articles 0-39 --events 4 [--shuffle SEED]
        [--barrier FILE] [--result FILE] [--kill-at-stmt N | --kill-at-vm N | --record FILE]

Each article goes in with `SQLiteStore.append_article` (one transaction per article), in
the given order. `--barrier` waits until FILE exists so that many workers start at once.
`--result` gets a JSON summary: the ids this process added and the ids it found present.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path


def _indexes(spec: str) -> list[int]:
    out: list[int] = []
    for part in spec.split(","):
        lo, _, hi = part.partition("-")
        out.extend(range(int(lo), int(hi or lo) + 1))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    parser.add_argument("--articles")
    parser.add_argument("--events", type=int, default=4)
    parser.add_argument("--shuffle", type=int)
    parser.add_argument("--barrier")
    parser.add_argument("--ready", help="create this file when waiting at the barrier")
    parser.add_argument("--result")
    parser.add_argument("--kill-at-stmt", type=int)
    parser.add_argument("--kill-at-vm", type=int)
    parser.add_argument("--record")
    parser.add_argument("--serve", action="store_true")
    args = parser.parse_args(argv)
    if args.serve:
        return serve()

    from tests.reliability import crashy

    if not args.db or not args.articles:
        parser.error("--db and --articles are required")
    counters = None
    if args.kill_at_stmt or args.kill_at_vm or args.record:
        counters = crashy.install(args.kill_at_stmt, args.kill_at_vm, args.record)

    from tests.reliability.helpers import EXTRACTOR, make_article, make_events
    from timeline.store.sqlite import SQLiteStore

    indexes = _indexes(args.articles)
    if args.shuffle is not None:
        random.Random(args.shuffle).shuffle(indexes)
    work = [(a := make_article(n), make_events(a, n, args.events)) for n in indexes]
    if args.ready:
        Path(args.ready).touch()
    if args.barrier:
        deadline = time.monotonic() + 60
        while not Path(args.barrier).exists():
            if time.monotonic() > deadline:
                print("barrier never opened", file=sys.stderr)
                return 3
            time.sleep(0.005)
    store = SQLiteStore(args.db)
    added: list[str] = []
    present: list[str] = []
    started, started_at = time.monotonic(), time.time()
    for article, events in work:
        result = store.append_article(article, events, EXTRACTOR)
        added.extend(result.added)
        present.extend(result.present)
    store.close()
    if args.record and counters is not None:
        with open(args.record, "a", encoding="utf-8") as f:
            f.write(f"#vm {counters['vm']}\n")
    if args.result:
        Path(args.result).write_text(
            json.dumps(
                {
                    "added": added,
                    "present": present,
                    "articles": [a.id for a, _ in work],
                    "seconds": time.monotonic() - started,
                    "started_at": started_at,
                    "ended_at": time.time(),
                }
            )
        )
    return 0


def serve() -> int:
    """A zygote: import everything once, then fork one writer per command line on stdin.

    Each child is a real process that the test can SIGKILL (or that kills itself at a
    chosen statement); forking from a warm parent makes a crash point cost milliseconds
    instead of an interpreter start. Protocol, one line each: the test writes the worker's
    arguments as a JSON list; the zygote answers `pid N`, then `exit STATUS` (negative:
    killed by that signal). No sqlite connection is open in the zygote when it forks.
    A list that starts with "cli" runs the real `timeline` CLI instead (through crashy:
    `["cli", "--kill-at-stmt", "9", "--", "ingest", DIR, "--db", X]`), its stdout discarded.
    """
    import importlib
    import os

    import tests.reliability.crashy

    for module in ("tests.reliability.helpers", "timeline.store.sqlite"):
        importlib.import_module(module)
    try:  # warm up the CLI and the extractor too, when they import
        importlib.import_module("timeline.cli")
        importlib.import_module("events.extract").default_extractor()
    except Exception:
        pass

    import gc

    gc.freeze()  # a child's first collection would otherwise touch (copy) the whole heap

    out = sys.stdout
    for line in sys.stdin:
        argv = json.loads(line)
        out.flush()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                if argv[:1] == ["cli"]:
                    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
                    tests.reliability.crashy.main(argv[1:])
                    code = 0
                else:
                    code = main(argv)
            except SystemExit as e:
                code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
            except BaseException as e:  # report, never fall back into the zygote loop
                print(f"worker failed: {type(e).__name__}: {e}", file=sys.stderr, flush=True)
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
        out.write(f"pid {pid}\n")
        out.flush()
        _, status = os.waitpid(pid, 0)
        code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
        out.write(f"exit {code}\n")
        out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
