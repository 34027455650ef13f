"""Child-process measurements, so one figure's memory never pollutes another's.

    python -m bench.worker export LOG OUT   → JSON {events, seconds, base_rss_mb, peak_rss_mb}

`peak_rss_mb` is the process's high-water mark (VmHWM, else ru_maxrss) after the export:
interpreter, imports and the export together; `base_rss_mb` is the mark before exporting.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _rss_mb() -> float:
    """This process's peak resident set, in MiB.

    VmHWM (Linux) starts afresh at exec; `ru_maxrss` is kept across exec and so would report
    the parent's size at fork, hence it is only the fallback.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def export(log: str, out: str) -> dict:
    from bench.cases import _NoExtractor
    from events.entities import default_registry
    from timeline.api import Timeline
    from timeline.store.sqlite import SQLiteStore

    tl = Timeline(store=SQLiteStore(log), registry=default_registry(), extractor=_NoExtractor())
    try:
        base = _rss_mb()
        t0 = time.perf_counter()
        report = tl.export(None, format="jsonl", out=out)
        seconds = time.perf_counter() - t0
    finally:
        tl.close()
    return {
        "events": report.events,
        "seconds": seconds,
        "base_rss_mb": base,
        "peak_rss_mb": _rss_mb(),
    }


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[0] == "export":
        print(json.dumps(export(argv[1], argv[2])))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
