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
    'Korea, Republic Of' (the last comma-separated part, else the last two, either order),
    by a state's name or GDELT's own country names (`ontology.gdelt_place_names`)."""
    key = "\0place:" + raw
    if key in context.country_cache:
        return context.country_cache[key]
    parts = [p.strip() for p in raw.split(",") if p.strip()]
    candidates = parts[-1:]
    if len(parts) >= 2:
        candidates += [f"{parts[-2]}, {parts[-1]}", f"{parts[-1]} {parts[-2]}"]
    iso3 = None
    for candidate in candidates:
        iso3 = _gdelt_place(context, candidate) or resolve_country(context, candidate)
        if iso3 is not None:
            break
    context.country_cache[key] = iso3
    return iso3


def _gdelt_place(context: ReadContext, name: str) -> str | None:
    """The state of one of GDELT's own country names (`ontology.gdelt_place_names`), if the
    world has it."""
    iso3 = ontology.gdelt_place_names().get(" ".join(name.lower().split()))
    return iso3 if iso3 in context.state_codes else None


def known_countries(context: ReadContext) -> pa.Table:
    """Raw country values resolved ahead of reading (`raw`, `iso3`): the codes of the world's
    states and CAMEO's own country and region codes, mapped by `resolve_country`. A value not
    in it is resolved after the rows are stored (see `accord.events.bulk`)."""
    keys = sorted({*context.state_codes, *ontology.cameo_countries()})
    mapped = [resolve_country(context, key) for key in keys]
    return pa.table({"raw": pa.array(keys, pa.string()), "iso3": pa.array(mapped, pa.string())})


def place_names(context: ReadContext) -> pa.Table:
    """Every name a place's end can resolve by (`key`: as `World.resolve` normalises it, or a
    CAMEO country code in lower case) with its state (`iso3`): the lookup table that resolves
    places in SQL (see `canonical_sql.PLACE_SQL`). For a candidate name in plain ASCII, trimmed
    and without double spaces, `lower(candidate)` is that normalisation, so joining on it
    gives exactly `resolve_country` (names that resolve to no state are left out)."""
    keys = {*context.world.name_keys(), *(code.lower() for code in ontology.cameo_countries())}
    keys |= set(ontology.gdelt_place_names())
    pairs = [
        (key, _gdelt_place(context, key) or resolve_country(context, key)) for key in sorted(keys)
    ]
    kept = [(key, iso3) for key, iso3 in pairs if iso3 is not None]
    return pa.table(
        {
            "key": pa.array([k for k, _ in kept], pa.string()),
            "iso3": pa.array([i for _, i in kept], pa.string()),
        }
    )
