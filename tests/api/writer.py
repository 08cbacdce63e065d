"""A write under way in another thread, for tests of what readers do meanwhile."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from accord.store.database import write_lock


@contextmanager
def another_writer(path: Path) -> Iterator[None]:
    """Hold the store's write lock in another thread for the block (as a write under way)."""
    held, release = threading.Event(), threading.Event()

    def writer() -> None:
        with write_lock(path):
            held.set()
            release.wait(10)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert held.wait(10), "the writer thread never took the lock"
        yield
    finally:
        release.set()
        thread.join()
