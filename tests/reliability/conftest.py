"""Fixtures of the reliability suite: writer processes, the CLI as a subprocess, figures.

The figures (crash points tried, writers x articles, fuzz examples) are printed at the end
of the run, so CI logs show what was tried and that nothing was lost.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Multiplies crash trials and fuzz examples: TIMELINE_RELIABILITY_SCALE=20 for a soak run.
SCALE = max(0.1, float(os.environ.get("TIMELINE_RELIABILITY_SCALE", "1")))


def scaled(n: int) -> int:
    return max(1, round(n * SCALE))


FIGURES: Counter[str] = Counter()
NOTES: list[str] = []


def extractor_missing() -> str | None:
    """Why the CLI-level tests cannot run yet, or None when the extractor is there."""
    try:
        import events.extract

        events.extract.default_extractor()
    except Exception as e:  # any failure means "not there yet"
        return f"the default extractor is not available ({type(e).__name__}: {e})"
    return None


needs_extractor = pytest.mark.skipif(
    extractor_missing() is not None, reason=str(extractor_missing())
)


@pytest.fixture(scope="session")
def figures() -> Counter[str]:
    return FIGURES


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    if not FIGURES and not NOTES:
        return
    terminalreporter.section("reliability figures")
    for key in sorted(FIGURES):
        terminalreporter.write_line(f"{key}: {FIGURES[key]}")
    for note in dict.fromkeys(NOTES):
        terminalreporter.write_line(note)


class Zygote:
    """A warm worker process that forks one writer per request (see worker.serve)."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.worker", "--serve"],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )

    def start(self, *args: str) -> int:
        assert self.proc.stdin and self.proc.stdout
        self.proc.stdin.write(json.dumps(list(args)) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        assert line.startswith("pid "), f"zygote said {line!r}"
        return int(line.split()[1])

    def wait(self) -> int:
        assert self.proc.stdout
        line = self.proc.stdout.readline()
        assert line.startswith("exit "), f"zygote said {line!r}"
        return int(line.split()[1])

    def run(self, *args: str, kill_after: float | None = None) -> int:
        """Run one writer to its end; with `kill_after`, SIGKILL it after that many seconds."""
        pid = self.start(*args)
        if kill_after is not None:
            time.sleep(kill_after)
            # If it had finished already, the zygote reports its real exit status.
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        return self.wait()

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture(scope="session")
def zygote():
    z = Zygote()
    yield z
    z.close()


def run_cli(
    *args: str, timeout: float = 120, env: dict | None = None, **kwargs
) -> subprocess.CompletedProcess[str]:
    """`python -m timeline ARGS` as a user runs it (fresh process, real stdout/stderr)."""
    base = dict(os.environ)
    base.pop("TIMELINE_DEBUG", None)
    base.pop("TIMELINE_DB", None)
    env = {**base, "COLUMNS": "200", "NO_COLOR": "1", **(env or {})}
    kwargs.setdefault("cwd", ROOT)
    return subprocess.run(
        [sys.executable, "-m", "timeline", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        **kwargs,
    )


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The CLI in-process (typer's CliRunner), shaped like `run_cli`'s result: faster."""
    from typer.testing import CliRunner

    from timeline.cli import app

    result = CliRunner().invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(list(args), result.exit_code, result.stdout, result.stderr)


def assert_clean_error(proc: subprocess.CompletedProcess[str], *fragments: str) -> None:
    """The CLI's error contract: non-zero exit, `Error:` lines on stderr, no traceback."""
    assert proc.returncode != 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "Error:" in proc.stderr, proc.stderr
    flat = " ".join(proc.stderr.split())
    for fragment in fragments:
        assert fragment in flat, f"{fragment!r} not in stderr: {proc.stderr}"
