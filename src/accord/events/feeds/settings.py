"""Where the event publishers are and how fetching behaves: one `FeedSettings` value.

Every base URL is a setting with an environment override (`ACCORD_GDELT1_URL`,
`ACCORD_GDELT2_URL`, `ACCORD_DATAVERSE_URL`), so tests and mirrors point elsewhere without code.
Downloads are cached under `cache_dir` (default: `accord-feeds` beside the store file;
`ACCORD_FEEDS_CACHE` overrides it).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from accord.errors import InputError

#: GDELT 1.0 event archives (GDELT Project, data server layout as published in 2013-2024).
GDELT1_URL = "http://data.gdeltproject.org/events/"
#: GDELT 2.0 15-minute files (GDELT Project, since 2015).
GDELT2_URL = "http://data.gdeltproject.org/gdeltv2/"
#: Harvard Dataverse, which hosts ICEWS and POLECAT.
DATAVERSE_URL = "https://dataverse.harvard.edu"
#: ICEWS Coded Event Data (Boschee et al., Harvard Dataverse, 2015-2023).
ICEWS_DOI = "doi:10.7910/DVN/28075"
#: POLECAT weekly event data, PLOVER ontology (Scarborough et al., Harvard Dataverse, 2023).
POLECAT_DOI = "doi:10.7910/DVN/AJGVIO"


def _env(name: str, default: str) -> str:
    value = os.environ.get(name, "").strip()
    return value or default


@dataclass(frozen=True)
class FeedSettings:
    """Publisher addresses, the download cache and the network limits of fetch and follow."""

    gdelt1_url: str = GDELT1_URL
    gdelt2_url: str = GDELT2_URL
    dataverse_url: str = DATAVERSE_URL
    icews_doi: str = ICEWS_DOI
    polecat_doi: str = POLECAT_DOI
    cache_dir: Path = Path("accord-feeds")
    #: downloads running at once
    concurrency: int = 4
    #: further attempts after a failed request (5xx, time-out, broken connection)
    retries: int = 4
    #: seconds before the first retry; doubled for each further one
    backoff: float = 0.5
    #: seconds a request may wait for the server before it counts as timed out
    timeout: float = 60.0

    def __post_init__(self) -> None:
        if self.concurrency < 1:
            raise InputError.at("concurrency must be at least 1", field="concurrency")
        if self.retries < 0:
            raise InputError.at("retries must be zero or more", field="retries")
        if self.backoff < 0 or self.timeout <= 0:
            raise InputError.at("backoff and timeout must be positive", field="timeout")

    @classmethod
    def from_env(cls, db: Path | None = None, **overrides: object) -> FeedSettings:
        """Settings from the environment; the cache sits beside the store file `db`."""
        cache = os.environ.get("ACCORD_FEEDS_CACHE", "").strip()
        if cache:
            cache_dir = Path(cache).expanduser()
        elif db is not None:
            cache_dir = Path(db).expanduser().parent / "accord-feeds"
        else:
            cache_dir = Path.home() / ".cache" / "accord" / "feeds"
        settings = cls(
            gdelt1_url=_env("ACCORD_GDELT1_URL", GDELT1_URL),
            gdelt2_url=_env("ACCORD_GDELT2_URL", GDELT2_URL),
            dataverse_url=_env("ACCORD_DATAVERSE_URL", DATAVERSE_URL),
            cache_dir=cache_dir,
        )
        return replace(settings, **overrides) if overrides else settings  # type: ignore[arg-type]
