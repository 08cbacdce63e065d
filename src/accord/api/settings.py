"""How the service runs: address, store, data directory, token and size limits.

Settings are plain data, built once by `accord serve` (or a test) and handed to `create_app`.
The safety rules that depend on them live here too, so every caller applies the same ones:
a server bound to anything but loopback must have a token for its write endpoints.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from dataclasses import dataclass, field, replace
from pathlib import Path

from accord.errors import InputError
from accord.store import default_db_path

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})

#: Largest JSON body a request may carry (a bargaining case, a simulation request).
DEFAULT_MAX_BODY = 1 << 20
#: Largest uploaded file (an event file to ingest, a stakeholder table).
DEFAULT_MAX_UPLOAD = 64 << 20
#: Address space each forecast worker process may use (RLIMIT_AS): the imported code takes
#: about 0.5 GiB of it, the largest outcome space a model enumerates (`MAX_OUTCOMES`) far less
#: than the rest.
DEFAULT_WORKER_MEMORY = 2 << 30
#: Seconds a forecast may run before its worker is killed and the client gets 504.
DEFAULT_FORECAST_SECONDS = 30.0


def is_loopback(host: str) -> bool:
    """True when `host` names only this machine (127.0.0.0/8, ::1 or localhost)."""
    name = host.strip().lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Settings:
    """Everything `create_app` needs to know. Build with `Settings.build(...)`."""

    host: str = "127.0.0.1"
    port: int = 8000
    db: Path = field(default_factory=default_db_path)
    data_dir: Path | None = None
    token: str | None = None
    max_body: int = DEFAULT_MAX_BODY
    max_upload: int = DEFAULT_MAX_UPLOAD
    allowed_hosts: tuple[str, ...] = ()
    #: Origins (scheme://host:port) besides the server's own whose pages may write or run work.
    allowed_origins: tuple[str, ...] = ()
    job_workers: int = 2
    max_jobs: int = 200
    #: Worker processes for forecasts (started on first use), their memory and time budgets.
    worker_processes: int = 2
    worker_memory: int = DEFAULT_WORKER_MEMORY
    forecast_seconds: float = DEFAULT_FORECAST_SECONDS
    #: Seconds a forecast waits for a free worker before the client gets 429.
    queue_seconds: float = 10.0
    #: Threads running synchronous handlers at once (Starlette's default is 40); None: one per
    #: core this process may use, at least 2 and at most 8 (`threads_for_requests`). Queries hold
    #: a core each while they run, so more threads than cores only add GIL contention: on one
    #: core 8 threads cost 10-20% more CPU per uncached dyad request than 2 (docs/api.md).
    request_threads: int | None = None
    #: Observed events the in-memory dyad index may hold (25 bytes each, `relations.dyad_index`);
    #: above it, or at 0, every dyad series is asked of the store's SQL.
    dyad_index_events: int = 5_000_000
    #: A publisher to follow while serving (`accord serve --follow gdelt2`), its poll interval
    #: in seconds, and a URL every announcement is also POSTed to.
    follow: str | None = None
    follow_every: float = 900.0
    webhook: str | None = None

    @property
    def threads_for_requests(self) -> int:
        """`request_threads`, or when None one per usable core, within 2-8 (2 keeps one slow
        read from holding up every other)."""
        if self.request_threads is not None:
            return self.request_threads
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        return min(8, max(2, cores or 1))

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)

    @property
    def data_root(self) -> Path:
        """The one directory request handling may write to (uploads, run outputs)."""
        if self.data_dir is not None:
            return self.data_dir
        return self.db.parent / "accord-data"

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host and not self.host.startswith("[") else self.host
        return f"http://{host}:{self.port}/"

    @property
    def hosts(self) -> tuple[str, ...]:
        """Host headers accepted: on loopback only local names (against DNS rebinding)."""
        if self.allowed_hosts:
            return self.allowed_hosts
        if self.loopback:
            return ("127.0.0.1", "localhost", "::1", "[::1]", self.host)
        return ("*",)

    @classmethod
    def build(
        cls,
        *,
        host: str = "127.0.0.1",
        port: int = 8000,
        db: Path | None = None,
        token: str | None = None,
        data_dir: Path | None = None,
        max_body: int = DEFAULT_MAX_BODY,
        max_upload: int = DEFAULT_MAX_UPLOAD,
    ) -> Settings:
        """Check the options and fill in what is implied.

        On a non-loopback address without a token a random one is made (the caller prints
        it): write endpoints are never open to the network without one.
        """
        if not 0 < port < 65536:
            raise InputError.at(f"port must be 1-65535, got {port}", field="port")
        if token is not None and len(token) < 16:
            raise InputError.at("a token needs at least 16 characters", field="token")
        if not host.strip():
            raise InputError.at("host must not be empty", field="host")
        if token is None and not is_loopback(host):
            token = secrets.token_urlsafe(24)
        for name, value in (("max_body", max_body), ("max_upload", max_upload)):
            if value < 1:
                raise InputError.at(f"{name} must be a positive number of bytes", field=name)
        settings = cls(
            host=host,
            port=port,
            token=token,
            data_dir=data_dir,
            max_body=max_body,
            max_upload=max_upload,
        )
        return replace(settings, db=Path(db).expanduser()) if db is not None else settings
