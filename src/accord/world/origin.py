"""Where a stored world came from: the default world shipped with Accord, or a user's own.

A store records it beside its world (`world_origin`, written by `save_world`), so an upgrade of
Accord can bring its new default world to stores that never changed theirs
(`accord.world.open_world`), and a store holding another world can say so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from accord.jsonable import AsDict

#: The shipped default world (`accord world reset`, and an empty store's first fill).
DEFAULT = "default"
#: A world read from world files (`accord world import`).
IMPORT = "import"
#: The stored world with differences from Wikidata applied (`accord world update`).
WIKIDATA = "wikidata"
#: A world a program saved (`save_world` without an origin).
CUSTOM = "custom"
#: What `save_world(..., origin=...)` accepts.
ORIGINS = (DEFAULT, IMPORT, WIKIDATA, CUSTOM)
#: The kind of a store filled before Accord recorded where its world came from.
UNRECORDED = "unrecorded"

#: A store's `world_origin` row: (origin, fingerprint of a default world, when it was saved
#: in UTC; None for a world not saved).
OriginRow = tuple[str, str | None, dt.datetime | None]

_DESCRIPTIONS = {
    IMPORT: "imported from world files",
    WIKIDATA: "updated from Wikidata",
    CUSTOM: "saved by a program",
    UNRECORDED: "not recorded, as the store was filled before Accord recorded it: an older "
    "default world or your own",
}


@dataclass(frozen=True)
class WorldOrigin(AsDict):
    """Where the world a store answers with came from, as `accord world summary` shows it."""

    #: `default`, `import`, `wikidata`, `custom`, or `unrecorded` (a store from before)
    kind: str
    #: True when the world is the default world shipped with this version of Accord
    current: bool
    #: When the store saved it (UTC); None when it was not saved (an empty read-only store
    #: answers with the shipped default) or the store did not record it
    saved: dt.datetime | None
    #: sha256 of the shipped world files a default world was read from
    fingerprint: str | None
    #: In words: "the default world of this version of Accord", "imported from world files", ...
    description: str

    @classmethod
    def of(cls, row: OriginRow | None, shipped: str) -> WorldOrigin:
        """The origin a store recorded (`row`; None: not recorded), judged against the
        fingerprint of the world files shipped with this version (`shipped`)."""
        kind, fingerprint, saved = row if row is not None else (UNRECORDED, None, None)
        current = kind == DEFAULT and fingerprint == shipped
        if kind == DEFAULT:
            version = "this version" if current else "an older version"
            description = f"the default world of {version} of Accord"
        else:
            description = _DESCRIPTIONS.get(kind, kind)
        return cls(kind, current, saved, fingerprint, description)

    def stale_note(self) -> str | None:
        """A caveat for answers from a world that may be an older default world (a store filled
        before Accord recorded the origin, or a read-only store holding an older default): None
        for this version's default and for a world the user chose (imported, updated, saved)."""
        if self.current or self.kind not in (DEFAULT, UNRECORDED):
            return None
        return (
            f"Answered from the stored world ({self.description}), which may differ from the "
            "default world of this version of Accord: `accord world reset` replaces it."
        )

    def reset_hint(self) -> str:
        """What to tell a user whose lookup failed on a name the shipped default world has."""
        return (
            "the default world shipped with this version of Accord has it: `accord world "
            "reset` replaces the stored world with it (the stored world: "
            f"{self.description})"
        )
