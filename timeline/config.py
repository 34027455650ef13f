"""Where the log lives: `--db PATH`, else `$TIMELINE_DB`, else `./timeline.db`."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_DB = "timeline.db"


def resolve_db_path(path: str | Path | None = None) -> Path:
    if path:
        return Path(path)
    env = os.environ.get("TIMELINE_DB")
    return Path(env) if env else Path(DEFAULT_DB)
