"""A file read by batches (POLECAT here; ICEWS, PLOVER and CSV share the path) is ingested in
memory that does not grow with the file: each batch is staged on disk, not held by the open
transaction. Before, 1,000,000 rows peaked at 1.0 GB, 2,000,000 at about 1.45 GB and 3,000,000
at 1.9 GB; now about 0.97 GB from a million rows on."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.events.formats import POLECAT_HEADER, Event, polecat_line

pytestmark = pytest.mark.slow

_INGEST = textwrap.dedent(
    """
    import resource, sys
    from accord.events import ingest
    from accord.store import Store
    with Store(sys.argv[2]) as store:
        report = ingest(store, sys.argv[1])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(report.stored, peak)
    """
)


def _week(path: Path, rows: int) -> Path:
    """A POLECAT file of `rows` events over a year: one written row, its id and day varied."""
    template = polecat_line(Event("ID", dt.date(2023, 1, 1), "USA", "DEU", "042", 1.0))
    head, tail = template.split("\t", 2)[0:2], template.split("\t", 2)[2]
    assert head == ["ID", "2023-01-01"]
    start = dt.date(2023, 1, 1)
    days = [(start + dt.timedelta(days=k)).isoformat() for k in range(365)]
    with path.open("w", encoding="utf-8") as out:
        out.write("\t".join(POLECAT_HEADER) + "\n")
        for k in range(rows):
            out.write(f"ev-{k:08d}\t{days[k % 365]}\t{tail}\n")
    return path


def _peak_mb(data: Path, db: Path) -> tuple[int, int]:
    done = subprocess.run(
        [sys.executable, "-c", _INGEST, str(data), str(db)],
        capture_output=True,
        text=True,
        check=True,
        env=None,
    )
    assert done.stderr == "" and len(done.stdout.splitlines()) == 1, done  # prints nothing
    stored, peak = done.stdout.split()
    return int(stored), int(peak)


def test_memory_does_not_grow_with_the_file(tmp_path: Path) -> None:
    # from about a million rows the final sort works within its memory limit (it spills)
    small = _peak_mb(_week(tmp_path / "small.txt", 1_000_000), tmp_path / "small.duckdb")
    large = _peak_mb(_week(tmp_path / "large.txt", 2_000_000), tmp_path / "large.duckdb")
    assert (small[0], large[0]) == (1_000_000, 2_000_000)
    assert large[1] < 1_100, large
    assert large[1] - small[1] < 150, (small, large)
