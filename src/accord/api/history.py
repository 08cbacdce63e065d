"""Job history in the store: every background job's state, problems and result survive a restart.

The `jobs` component of the store holds one row per job (`api_jobs`). A job is written when it
is queued, when it starts and when it finishes (progress in between stays in memory). When a
server starts, jobs that an earlier server left queued or running can never finish: they are
marked `interrupted`, and their uploads are gone (`accord.api.app` removes orphaned uploads).
A job stopped by a client is kept `cancelled`.

The history has its own connection to the store, so recording a job never waits for a job that
holds the store for a long write (an ingest).
"""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

from accord.store import Schema, Store
from accord.store.schema import Migration

_V1_JOBS = """\
CREATE TABLE api_jobs (
    id VARCHAR PRIMARY KEY,
    kind VARCHAR NOT NULL,
    params VARCHAR NOT NULL,
    state VARCHAR NOT NULL,
    progress DOUBLE NOT NULL,
    message VARCHAR NOT NULL,
    created DOUBLE NOT NULL,
    finished DOUBLE,
    problems VARCHAR NOT NULL,
    result VARCHAR
);
"""

JOBS_SCHEMA = Schema(
    "jobs",
    (Migration(1, "api_jobs: the history of the service's background jobs", _V1_JOBS),),
)

#: The columns of `api_jobs`, in order (the live view of the table; see docs/store.md).
JOB_COLUMNS: tuple[str, ...] = (
    "id",
    "kind",
    "params",
    "state",
    "progress",
    "message",
    "created",
    "finished",
    "problems",
    "result",
)
#: What an interrupted job's message and problem say.
INTERRUPTED = "interrupted: the server stopped while the job was queued or running; start it again"

_UNFINISHED = ("queued", "running")


class JobHistory:
    """Reads and writes `api_jobs` on a connection of its own."""

    def __init__(self, db: Path) -> None:
        self._store = Store(db)
        self._store.ensure(JOBS_SCHEMA)
        self._lock = threading.Lock()
        self._closed = False

    def interrupt_unfinished(self) -> int:
        """Mark every queued or running job interrupted (at startup); how many there were."""
        problem = json.dumps([{"message": INTERRUPTED, "field": None, "file": None, "line": None}])
        with self._lock, self._store.transaction() as con:
            count = con.execute(
                "SELECT count(*) FROM api_jobs WHERE state IN (?, ?)", list(_UNFINISHED)
            ).fetchone()
            con.execute(
                "UPDATE api_jobs SET state = 'interrupted', message = ?, finished = ?, "
                "problems = ? WHERE state IN (?, ?)",
                [INTERRUPTED, time.time(), problem, *_UNFINISHED],
            )
        return int(count[0]) if count else 0

    def save(self, row: dict[str, Any]) -> bool:
        """Insert or update one job (a `Job.summary()` plus its `result`); False when the
        history is closed (a job that ended after its server stopped)."""
        values = [
            row["id"],
            row["kind"],
            json.dumps(row["params"], default=str),
            row["state"],
            float(row["progress"]),
            row["message"],
            float(row["created"]),
            row["finished"],
            json.dumps(row["problems"], default=str),
            None if row.get("result") is None else json.dumps(row["result"], default=str),
        ]
        columns = ", ".join(JOB_COLUMNS)
        marks = ", ".join("?" for _ in JOB_COLUMNS)
        with self._lock:
            if self._closed:
                return False
            self._store.con.execute(
                f"INSERT OR REPLACE INTO api_jobs ({columns}) VALUES ({marks})", values
            )
        return True

    def load(self, limit: int) -> list[dict[str, Any]]:
        """The newest `limit` jobs, oldest first, as `save` took them."""
        columns = ", ".join(JOB_COLUMNS)
        with self._lock:
            rows = self._store.con.execute(
                f"SELECT {columns} FROM (SELECT * FROM api_jobs ORDER BY created DESC LIMIT ?) "
                "ORDER BY created",
                [limit],
            ).fetchall()
        found = []
        for row in rows:
            item = dict(zip(JOB_COLUMNS, row, strict=True))
            for name in ("params", "problems", "result"):
                item[name] = None if item[name] is None else json.loads(item[name])
            found.append(item)
        return found

    def forget(self, ids: list[str]) -> None:
        """Delete the jobs pushed out of the history by newer ones."""
        if ids:
            with self._lock:
                if self._closed:
                    return
                self._store.con.execute(
                    "DELETE FROM api_jobs WHERE id IN (SELECT unnest(?))", [ids]
                )

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._store.close()
