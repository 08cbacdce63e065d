"""Event feeds: fetch GDELT 1.0, GDELT 2.0, ICEWS and POLECAT from their publishers and follow
GDELT 2.0 as it updates, every file checked against the publisher's checksum and ingested
through the one write path.

    from accord.events.feeds import fetch
    report = fetch(store, "gdelt1", date(2020, 1, 1), date(2020, 1, 31))
"""

from accord.events.feeds.download import ChecksumError, Client, DownloadProgress
from accord.events.feeds.fetch import (
    SOURCES,
    FetchedFile,
    FetchProgress,
    FetchReport,
    StoreAccess,
    fetch,
    ingested_names,
    list_remote,
)
from accord.events.feeds.follow import (
    DEFAULT_EVERY,
    FOLLOWABLE,
    Follower,
    FollowStep,
    last_stamp,
    parse_every,
)
from accord.events.feeds.remote import RemoteFile
from accord.events.feeds.settings import FeedSettings
from accord.events.feeds.webhook import Webhook

__all__ = [
    "DEFAULT_EVERY",
    "FOLLOWABLE",
    "SOURCES",
    "ChecksumError",
    "Client",
    "DownloadProgress",
    "FeedSettings",
    "FetchProgress",
    "FetchReport",
    "FetchedFile",
    "FollowStep",
    "Follower",
    "RemoteFile",
    "StoreAccess",
    "Webhook",
    "fetch",
    "ingested_names",
    "last_stamp",
    "list_remote",
    "parse_every",
]
