"""Drive Debian's headless chromium from a test: dump the DOM after scripts ran, screenshot.

Plain command-line chromium (no driver, no downloaded browser build). The network is off for
the page anyway: its Content-Security-Policy forbids any fetch.
"""

from __future__ import annotations

import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--virtual-time-budget=3000",
)


def _run(chromium: str, args: list[str], timeout: float = 90) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="chromium-") as profile:
        return subprocess.run(
            [chromium, *FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
        )


def dump_dom(chromium: str, page: Path, fragment: str = "") -> str:
    """The DOM after load and scripts, for `page` opened with `#fragment`."""
    url = page.resolve().as_uri() + (f"#{fragment}" if fragment else "")
    return _run(chromium, ["--dump-dom", url]).stdout


def screenshot(
    chromium: str,
    page: Path,
    png: Path,
    *,
    width: int = 1366,
    height: int = 900,
    fragment: str = "",
) -> Path:
    url = page.resolve().as_uri() + (f"#{fragment}" if fragment else "")
    _run(chromium, [f"--window-size={width},{height}", f"--screenshot={png}", url])
    return png


class Cards(HTMLParser):
    """The event cards of a dumped page: id, type, status and whether they are hidden."""

    def __init__(self, dom: str) -> None:
        super().__init__()
        self.cards: list[dict[str, str | bool | None]] = []
        self.body: dict[str, str | None] = {}
        self.feed(dom)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "body":
            self.body = a
        if tag == "article" and "ev" in (a.get("class") or "").split():
            self.cards.append(
                {
                    "id": a.get("id"),
                    "type": a.get("data-type"),
                    "status": a.get("data-status"),
                    "hidden": "hidden" in a,
                }
            )

    def shown(self) -> list[dict]:
        return [c for c in self.cards if not c["hidden"]]
