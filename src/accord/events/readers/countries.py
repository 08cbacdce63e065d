"""Raw country codes, names and place names of event files mapped to ISO3 state codes: CAMEO
exceptions first, then any code, name or alias of a state in the world; cached per read."""

from __future__ import annotations

from collections.abc import Callable

import pyarrow as pa

from accord.events import ontology
from accord.events.readers.base import ReadContext

Resolver = Callable[[ReadContext, str], "str | None"]


def resolve_country(context: ReadContext, raw: str) -> str | None:
    """ISO3 of the state a raw country code or name denotes, or None (kept raw, counted)."""
    if raw in context.country_cache:
        return context.country_cache[raw]
    text = raw.strip()
    iso3: str | None
    special = ontology.cameo_countries().get(text.upper())
    if special is not None:
        iso3 = special.iso3
    else:
        code = context.world.resolve(text) if text else None
        iso3 = code if code is not None and code in context.state_codes else None
    context.country_cache[raw] = iso3
    return iso3


def resolve_place(context: ReadContext, raw: str) -> str | None:
    """ISO3 of the state a place name ends with: 'Seoul, South Korea', 'Bahamas, The',
    'Korea, Republic Of' (the last comma-separated part, else the last two, either order)."""
    key = "\0place:" + raw
    if key in context.country_cache:
        return context.country_cache[key]
    parts = [p.strip() for p in raw.split(",") if p.strip()]
    candidates = parts[-1:]
    if len(parts) >= 2:
        candidates += [f"{parts[-2]}, {parts[-1]}", f"{parts[-1]} {parts[-2]}"]
    iso3 = None
    for candidate in candidates:
        iso3 = resolve_country(context, candidate)
        if iso3 is not None:
            break
    context.country_cache[key] = iso3
    return iso3


def known_countries(context: ReadContext) -> pa.Table:
    """Raw country values resolved ahead of reading (`raw`, `iso3`): the codes of the world's
    states and CAMEO's own country and region codes, mapped by `resolve_country`. A value not
    in it is resolved after the rows are stored (see `accord.events.bulk`)."""
    keys = sorted({*context.state_codes, *ontology.cameo_countries()})
    mapped = [resolve_country(context, key) for key in keys]
    return pa.table({"raw": pa.array(keys, pa.string()), "iso3": pa.array(mapped, pa.string())})
