"""The event ontology shipped with Accord: CAMEO codes, Goldstein weights, quad classes, PLOVER.

Tables live in `accord/events/data/` (see the header of each file for its source and licence):
`cameo.csv` (GDELT's CAMEO codebook and Goldstein weights), `cameo_plover.csv` (the PLOVER
project's CAMEO -> PLOVER mapping, CC BY-SA 4.0) and `cameo_countries.csv` (CAMEO actor country
codes that are not ISO3).

Quad classes follow the GDELT convention unless a file carries its own: CAMEO roots 01-05 are
1 (verbal cooperation), 06-09 are 2 (material cooperation), 10-14 are 3 (verbal conflict) and
15-20 are 4 (material conflict). PLOVER-coded events take the quad class PLOVER assigns to their
event type (`PLOVER_QUAD`).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"

#: Names of the four quad classes, by number.
QUAD_CLASSES: dict[int, str] = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}

#: PLOVER's own quad category per event type (PLOVER manual draft 0.8, "Summary of event
#: categories").
PLOVER_QUAD: dict[str, int] = {
    "AGREE": 1,
    "CONSULT": 1,
    "SUPPORT": 1,
    "CONCEDE": 1,
    "COOPERATE": 2,
    "AID": 2,
    "RETREAT": 2,
    "REQUEST": 3,
    "ACCUSE": 3,
    "REJECT": 3,
    "THREATEN": 3,
    "PROTEST": 4,
    "SANCTION": 4,
    "MOBILIZE": 4,
    "COERCE": 4,
    "ASSAULT": 4,
}


#: Event types of earlier PLOVER drafts (v0.5, used by the gold-standard records) and the
#: draft-0.8 type and mode that replace them (as CAMEO2PLOVER-2021 maps the same CAMEO roots).
PLOVER_LEGACY: dict[str, tuple[str, str | None]] = {
    "DEMAND": ("REQUEST", None),
    "DISAPPROVE": ("ACCUSE", "disapprove"),
    "INVESTIGATE": ("ACCUSE", "investigate"),
    "FIGHT": ("ASSAULT", None),
}


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO event code with its GDELT Goldstein weight and GDELT quad class."""

    code: str
    root: str
    quad_class: int
    goldstein: float
    name: str


@dataclass(frozen=True, slots=True)
class PloverMapping:
    """The PLOVER event type, mode and context a CAMEO code converts to (mode/context may be
    empty strings when PLOVER gives none)."""

    cameo_code: str
    plover_type: str
    plover_mode: str
    plover_context: str


@dataclass(frozen=True, slots=True)
class CameoCountry:
    """A CAMEO actor country code that is not an ISO3 state code: `iso3` is None for regions."""

    cameo: str
    iso3: str | None
    kind: str
    name: str


def _rows(name: str) -> Iterator[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(line for line in handle if not line.startswith("#"))


def quad_class_of_root(root: str) -> int | None:
    """The GDELT quad class of a two-digit CAMEO root ('01'..'20'), or None if not a root."""
    if len(root) != 2 or not root.isdigit():
        return None
    number = int(root)
    if number < 1 or number > 20:
        return None
    if number <= 5:
        return 1
    if number <= 9:
        return 2
    return 3 if number <= 14 else 4


@lru_cache(maxsize=1)
def cameo_codes() -> dict[str, CameoCode]:
    """The shipped CAMEO codebook, keyed by zero-padded code ('01', '010', '0311', ...)."""
    return {
        row["code"]: CameoCode(
            code=row["code"],
            root=row["root"],
            quad_class=int(row["quad_class"]),
            goldstein=float(row["goldstein"]),
            name=row["name"],
        )
        for row in _rows("cameo.csv")
    }


@lru_cache(maxsize=1)
def gdelt_place_names() -> dict[str, str]:
    """Country names GDELT ends a place's name with that no state's name or alias gives, by
    lower-case name, with the state (`gdelt_place_names.csv`: 'vietnam, republic of' -> VNM)."""
    return {row["name"].lower(): row["iso3"] for row in _rows("gdelt_place_names.csv")}


@lru_cache(maxsize=1)
def icews_event_texts() -> dict[str, str]:
    """The CAMEO code each event name ICEWS writes in 'Event Text' stands for, keyed by the
    name case-folded ('consult' -> '040'); roots' names are not in it (`icews_event_text.csv`)."""
    return {row["event_text"].casefold(): row["code"] for row in _rows("icews_event_text.csv")}


@lru_cache(maxsize=1)
def plover_mappings() -> dict[str, PloverMapping]:
    """The shipped CAMEO -> PLOVER mapping, keyed by CAMEO code as listed by PLOVER."""
    return {
        row["cameo_code"]: PloverMapping(
            row["cameo_code"], row["plover_type"], row["plover_mode"], row["plover_context"]
        )
        for row in _rows("cameo_plover.csv")
    }


@lru_cache(maxsize=1)
def cameo_countries() -> dict[str, CameoCountry]:
    """CAMEO actor country codes that need mapping (or are regions), keyed by CAMEO code."""
    return {
        row["cameo"]: CameoCountry(row["cameo"], row["iso3"] or None, row["kind"], row["name"])
        for row in _rows("cameo_countries.csv")
    }


def _prefixes(code: str) -> list[str]:
    """The code, then its base code, then its root: CAMEO's hierarchy, most specific first."""
    return [code[:n] for n in (len(code), 3, 2) if n <= len(code)]


def lookup(code: str) -> CameoCode | None:
    """The codebook entry for `code`, falling back to its base code or root when a file uses a
    code the codebook lacks (e.g. a 4-digit variant); None if nothing matches."""
    table = cameo_codes()
    for prefix in _prefixes(code):
        if prefix in table:
            return table[prefix]
    return None


def goldstein(code: str) -> float | None:
    """GDELT's Goldstein weight for a CAMEO code (with base/root fallback), or None."""
    entry = lookup(code)
    return entry.goldstein if entry is not None else None


def plover(code: str) -> PloverMapping | None:
    """The PLOVER type, mode and context for a CAMEO code (with base/root fallback), or None
    (PLOVER has no type for roots 01 and 02, statements and appeals)."""
    table = plover_mappings()
    for prefix in _prefixes(code):
        if prefix in table:
            return table[prefix]
    return None


# --- Actor sectors -------------------------------------------------------------------------
#
# Each dataset names an actor's sector its own way: GDELT (and CAMEO-coded files) give a
# three-letter CAMEO actor type code (Actor1Type1Code: GOV, MIL, IGO...; CAMEO codebook 1.1b3,
# Schrodt 2012, chapter 3 "Actor codes"); ICEWS gives a comma-separated list of sector names
# ("Government,Executive,Foreign Ministry"; ICEWS Coded Event Data, Boschee et al. 2015, the
# `Source Sectors` / `Target Sectors` columns); PLOVER files give a sector per actor, written in
# either form. `SECTORS` maps each of Accord's sectors to the CAMEO codes and to the ICEWS sector
# names (whole items of the list, as regular expressions) that belong to it.


@dataclass(frozen=True, slots=True)
class Sector:
    """One of Accord's actor sectors: the CAMEO type codes and the ICEWS sector names (regular
    expressions matching one whole item of ICEWS's list) that belong to it."""

    name: str
    cameo: tuple[str, ...]
    icews: tuple[str, ...]


_SECTOR_ROWS = (
    Sector(
        "government",
        ("GOV", "LEG", "JUD"),
        (
            "Government",
            "Executive",
            "Executive Office",
            "Cabinet",
            "Legislative / Parliamentary",
            "Lower House",
            "Upper House",
            "Unicameral",
            "Judicial",
            "[^,]* Ministry",
        ),
    ),
    Sector(
        "military",
        ("MIL", "SPY"),
        (
            "Military",
            "Army",
            "Navy",
            "Air Force",
            "Marines",
            "Army Special Forces",
            "Military Intelligence",
        ),
    ),
    Sector("police", ("COP",), ("Police",)),
    Sector("igo", ("IGO",), ("International Government Organization", "[^,]* IGOs")),
    Sector(
        "ngo",
        ("NGO", "NGM", "HRI"),
        (
            "Nongovernmental Organizations / Activists",
            "Nongovernmental Organization \\(International\\)",
            "[^,]* NGOs",
        ),
    ),
    Sector(
        "business",
        ("BUS", "MNC"),
        (
            "Business",
            "[^,]* Business",
            "Multinational Corporation",
            "State Owned Enterprises",
            "State-Owned [^,]*",
        ),
    ),
    Sector("media", ("MED",), ("Media", "News", "[^,]* News", "State Media")),
    Sector(
        "opposition",
        ("OPP", "REB", "INS", "SEP", "RAD", "UAF"),
        (
            "Dissident",
            "International Dissident",
            "Protestors / Popular Opposition / Mobs",
            "Rebel",
            "Insurgents",
            "International Insurgents",
            "Separatists",
            "Radicals / Extremists / Fundamentalists",
            "Unidentified Forces",
        ),
    ),
    Sector("parties", ("PTY",), ("Parties", "[^,]*Party[^,]*")),
    Sector(
        "civilians",
        ("CVL", "REF", "LAB", "AGR", "EDU", "HLH", "REL", "ELI", "CRM", "ENV"),
        (
            "General Population / Civilian / Social",
            "Refugees / Displaced",
            "Labor",
            "Agricultural",
            "Education",
            "Medical / Health",
            "Criminals / Gangs",
            "Elite",
        ),
    ),
)

#: Accord's actor sectors, by name (see the comment above for the sources).
SECTORS: dict[str, Sector] = {s.name: s for s in _SECTOR_ROWS}

#: ICEWS sector names that mark a national government role. An ICEWS actor's sector list is the
#: union of every role it held, so an actor listing an IGO sector and one of these (a head of
#: state who also chairs a regional body) is taken for a state official, not an IGO official.
NATIONAL_ROLES: tuple[str, ...] = ("Government", "Executive")


def sector_pattern(names: tuple[str, ...]) -> str:
    """A regular expression matching an ICEWS sector list holding one of `names` as a whole
    item (items are comma-separated)."""
    return "(^|,) *(" + "|".join(names) + ") *(,|$)"


def sector_names() -> tuple[str, ...]:
    """The names of Accord's actor sectors, in table order."""
    return tuple(SECTORS)


# --- Dataset conventions for quad class and Goldstein ---------------------------------------
#
# GDELT (event codebook V1.03, 2013, field QuadClass): roots 01-05 verbal cooperation, 06-09
# material cooperation, 10-14 verbal conflict, 15-20 material conflict. ICEWS publishes no quad
# class in its event files; its own aggregations (ICEWS quad counts, as tabulated in the
# `icews` R package by A. Beger, data-raw/clean-data.R, 2019) put roots 01-05 in verbal
# cooperation, 06-08 material cooperation, 09-13 verbal conflict and 14-20 material conflict:
# 09 (investigate) and 14 (protest) change class. PLOVER assigns its own (`PLOVER_QUAD`).

#: The first root of each quad class 2..4, per convention (class = 1 + roots reached).
QUAD_BREAKS: dict[str, tuple[int, int, int]] = {
    "gdelt": (6, 10, 15),
    "icews": (6, 9, 14),
}

#: Goldstein weights where the ICEWS CAMEO table (the ICEWS `Intensity` column; the `icews` R
#: package's data-raw/cameo-codes.csv, 2019) differs from GDELT's lookup CAMEO.goldsteinscale.txt:
#: code -> (ICEWS, GDELT). Every other code carries the same weight in both.
GOLDSTEIN_DIFFERENCES: dict[str, tuple[float, float]] = {
    "016": (-5.0, -2.0),
    "022": (3.4, 3.2),
    "164": (-6.5, -7.0),
    "165": (-7.0, -6.5),
}


def quad_class_by(root: str, convention: str) -> int | None:
    """The quad class of a two-digit CAMEO root under a convention ('gdelt' or 'icews')."""
    if len(root) != 2 or not root.isdigit() or not 1 <= int(root) <= 20:
        return None
    return 1 + sum(int(root) >= b for b in QUAD_BREAKS[convention])
