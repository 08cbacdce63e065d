"""What every request handler shares: settings, the store, the world and the job manager.

One `Services` object lives on `app.state.services`; routes get it through the `services`
dependency. The store is opened once for the life of the app (DuckDB allows one writer per file);
handlers borrow it under a lock, so reads and writes from different threads never interleave on
one connection. The world is immutable and loaded once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import ibis.expr.types as ir
from fastapi import Depends, Request

from accord.api.history import JobHistory
from accord.api.jobs import JobManager
from accord.api.settings import Settings
from accord.api.workers import WorkerPool
from accord.events import EVENTS_SCHEMA
from accord.exercises import EXERCISES_SCHEMA
from accord.relations import duckdb_events
from accord.relations.dyad_index import DyadIndex, build_dyad_index
from accord.relations.fastsql import igo_official_sectors, keep_igo_sectors
from accord.store import Store
from accord.store.database import write_lock
from accord.world import World, load_world, open_world
from accord.world.persist import stored_origin

log = logging.getLogger("accord.api")


class Services:
    """The shared state of a running app."""

    def __init__(self, settings: Settings, world: World | None = None) -> None:
        self.settings = settings
        self.store = Store(settings.db)
        self._store_lock = threading.RLock()
        self._write_lock = write_lock(self.store.path)  # every writer's, not `locked_store`'s
        self._igo: tuple[int, list[str]] | None = None  # (generation, IGO-official sectors)
        self._igo_lock = threading.Lock()
        #: (generation, index or None above the cap) of the last `dyad_index` build
        self._dyad: tuple[int, DyadIndex | None] | None = None
        self._dyad_lock = threading.Lock()
        self._world = world if world is not None else open_world(self.store)
        self._world_lock = threading.Lock()
        #: (write generation, `world_origin` row) the world in memory was checked against
        self._world_seen = (self.store.generation, stored_origin(self.store))
        self.store.ensure(EVENTS_SCHEMA)
        # before serving: a migration later (the exercise clock's first tick) would be a write
        # that empties the response cache under the first requests
        self.store.ensure(EXERCISES_SCHEMA)
        self._local = threading.local()
        self._readers: list[Store] = []
        self._closed = False
        self.jobs = self._job_manager()
        self.workers = self._pool()
        self.capabilities: set[str] = set()

    @property
    def world(self) -> World:
        """The store's world as this server last read it, read again after a write that saved
        another world (a `world import` or `world update` the CLI forwarded here: the API kept
        answering with the world it started with)."""
        generation = self.store.generation
        if generation != self._world_seen[0]:
            with self._world_lock:  # not the store's lock: a write holding it may ask too
                store = self.reader()
                if generation != self._world_seen[0]:
                    origin = stored_origin(store)
                    if origin != self._world_seen[1]:
                        self._world = load_world(store) or self._world
                    self._world_seen = (generation, origin)
        return self._world

    def _job_manager(self) -> JobManager:
        """Job threads with their history in the store (unfinished ones marked interrupted)."""
        s = self.settings
        history = JobHistory(s.db)
        return JobManager(workers=s.job_workers, max_jobs=s.max_jobs, history=history)

    def remove_orphan_uploads(self) -> int:
        """Delete uploads a stopped server left behind (no job of this server uses them yet);
        how many there were. Called at startup, before any request."""
        folder = self.settings.data_root / "uploads"
        removed = 0
        if folder.is_dir():
            for item in folder.iterdir():
                if item.is_file() or item.is_symlink():
                    item.unlink(missing_ok=True)
                    removed += 1
        return removed

    def _pool(self) -> WorkerPool:
        s = self.settings
        return WorkerPool(s.worker_processes, s.worker_memory, queue_seconds=s.queue_seconds)

    @contextmanager
    def locked_store(self) -> Iterator[Store]:
        """The store, held exclusively by the caller for the block."""
        with self._store_lock:
            yield self.store

    @contextmanager
    def store_if_free(self) -> Iterator[Store | None]:
        """The store held exclusively for the block when no one holds it now, else None at
        once: for periodic work (the exercise clock) that must not sit on a request thread
        for the length of an ingest."""
        if not self._store_lock.acquire(blocking=False):
            yield None
            return
        try:
            yield self.store
        finally:
            self._store_lock.release()

    def reader(self) -> Store:
        """This thread's own connection to the store, for reads that must not wait for a
        write holding `locked_store` (DuckDB shares one database between the connections of
        a process, with snapshot isolation)."""
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = Store(self.settings.db)
            self._local.store = store
            self._readers.append(store)
        return store

    def events(self) -> ir.Table:
        """The store's events as an Ibis table on this thread's own connection."""
        table: ir.Table | None = getattr(self._local, "events", None)
        if table is None:
            table = duckdb_events(self.reader().con)
            self._local.events = table
        return table

    def igo_sectors(self) -> int:
        """Make this thread's connection hold the store's IGO-official sector texts
        (`fastsql.keep_igo_sectors`), found again (one thread scans, the others copy) when a
        write has committed since they were; the write generation they hold for (give it to
        `unchanged_since` after use)."""
        generation = self.store.generation  # read first: the texts are at least this new
        if getattr(self._local, "igo_generation", None) != generation:
            with self._igo_lock:
                if self._igo is None or self._igo[0] != generation:
                    self._igo = (generation, igo_official_sectors(self.events()) or [])
                sectors = self._igo[1]
            keep_igo_sectors(self.events(), sectors)
            self._local.igo_generation = generation
        return generation

    def dyad_index(self) -> tuple[int, DyadIndex] | None:
        """The in-memory dyad index of the store's events and the write generation it holds
        for (give it to `unchanged_since` after use); None when there is none for the current
        generation: above the `dyad_index_events` cap, or while another thread builds it (the
        caller then asks SQL instead of waiting). The first request after a write builds it."""
        generation = self.store.generation  # read first: the index is at least this new
        found = self._dyad
        if found is None or found[0] != generation:
            if not self._dyad_lock.acquire(blocking=False):
                return None
            try:
                found = self._dyad
                if found is None or found[0] != generation:
                    cap = self.settings.dyad_index_events
                    found = (generation, build_dyad_index(self.events(), cap) if cap else None)
                    self._dyad = found
            finally:
                self._dyad_lock.release()
        return None if found[1] is None else (found[0], found[1])

    def unchanged_since(self, generation: int) -> bool:
        """True when no write transaction has committed since `generation` and none is under
        way (its lock is free): a read made in between saw no events newer than that
        generation's."""
        if not self._write_lock.acquire(blocking=False):
            return False
        try:
            return self.store.generation == generation
        finally:
            self._write_lock.release()

    def data_path(self, *parts: str) -> Path:
        """A path inside the data directory (created on demand); parts are server-made names,
        never request text, and the result is checked to stay inside the directory."""
        root = self.settings.data_root.resolve()
        path = root.joinpath(*parts).resolve()
        if not path.is_relative_to(root):
            raise ValueError(f"{path} is outside the data directory {root}")
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def reopen(self) -> None:
        """Open the store again after `close` (an app can be started more than once, as
        test clients do)."""
        with self._store_lock:
            if self._closed:
                self.store = Store(self.settings.db)
                self.jobs = self._job_manager()
                self.workers = self._pool()
                self._closed = False

    def close(self) -> None:
        """Stop the jobs (queued ones end, running ones are asked to stop and given
        `JobManager.stop_wait` seconds) and the worker processes, and close every connection
        to the store. A job that did not stop keeps the store's connection to the process
        exit (closing it under a write would fail that write, not stop it)."""
        still = self.jobs.shutdown()
        if self.jobs.history is not None:
            self.jobs.history.close()
        self.workers.close()
        if not self._store_lock.acquire(timeout=1.0 if still else -1):
            log.warning("a job still holds the store: its connection is left to the exit")
            self._closed = True
            return
        try:
            self._close_connections()
        finally:
            self._store_lock.release()

    def _close_connections(self) -> None:
        """Close the readers and the store (the caller holds the store's lock)."""
        for reader in self._readers:
            reader.close()
        self._readers.clear()
        self._local = threading.local()
        self._igo = None  # another process may write to the file before a reopen
        self._dyad = None
        self.store.close()
        self._closed = True


async def services(request: Request) -> Services:
    """FastAPI dependency: the app's `Services` (async, so FastAPI runs it on the event loop
    instead of sending it to the thread pool: one thread hop less per request)."""
    found: Services = request.app.state.services
    return found


#: A handler parameter that receives the app's `Services` (the one definition every route uses).
Svc = Annotated[Services, Depends(services)]
