"""Spark's warehouse folder: one per process, gone when the process exits (sessions used to
leave an empty folder in the temporary directory at every call)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from accord.relations.engine import _spark_warehouse


def test_one_warehouse_per_process() -> None:
    first = _spark_warehouse()
    assert _spark_warehouse() == first
    assert Path(first).is_dir()
    assert Path(first).name.startswith("accord-spark-")


def test_the_warehouse_is_removed_at_exit() -> None:
    code = "from accord.relations.engine import _spark_warehouse as w; print(w())"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    made = Path(done.stdout.strip())
    assert made.name.startswith("accord-spark-")
    assert not made.exists()
