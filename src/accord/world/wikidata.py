"""Keep the world current from Wikidata (CC0): memberships and treaty participation.

`accord world update --from wikidata` asks Wikidata's SPARQL service who is a member of an
organization (`member of`, P463, with its start and end qualifiers) or who signed (P1891) and
ratified (P6193) a treaty (with their `point in time` qualifiers), compares the answer with the
world, and applies only the changes a user accepts. Every applied row cites the Wikidata items
and statements it came from, with the day it was retrieved.

The endpoint is a setting: `ACCORD_WIKIDATA_URL` (tests serve recorded answers on loopback).
Item ids are checked (`Q` and digits) and names are escaped before they go into a query, so no
query is built from unchecked text.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from accord.errors import InputError, RemoteError
from accord.jsonable import AsDict
from accord.world.model import World
from accord.world.ties import Membership, Role, TreatyParty

__all__ = [
    "DEFAULT_ENDPOINT",
    "ENDPOINT_ENV",
    "Change",
    "Fetched",
    "apply_changes",
    "check_item",
    "endpoint",
    "fetch_memberships",
    "fetch_participation",
    "find_item",
    "membership_changes",
    "participation_changes",
    "run_query",
]

DEFAULT_ENDPOINT = "https://query.wikidata.org/sparql"
ENDPOINT_ENV = "ACCORD_WIKIDATA_URL"
#: Largest answer read from the service, in bytes (a full membership list is a few hundred kB).
MAX_RESPONSE_BYTES = 32 << 20
#: Seconds to wait for the service (Wikidata's own query limit is 60 s).
TIMEOUT = 90
_ITEM = re.compile(r"^Q[1-9][0-9]{0,11}$")
_USER_AGENT = "accord-world-update/0.1 (https://github.com/accord; diplomatic relations research)"
#: Wikidata time precision: 11 is a day, 10 a month, 9 a year.
_DAY = 11

_MEMBERS = """SELECT ?member ?iso3 ?start ?startPrecision ?end ?endPrecision WHERE {
  ?member p:P463 ?statement .
  ?statement ps:P463 wd:%(item)s .
  ?member wdt:P298 ?iso3 .
  OPTIONAL { ?statement pqv:P580 [ wikibase:timeValue ?start ;
                                   wikibase:timePrecision ?startPrecision ] . }
  OPTIONAL { ?statement pqv:P582 [ wikibase:timeValue ?end ;
                                   wikibase:timePrecision ?endPrecision ] . }
}"""

_PARTIES = """SELECT ?party ?iso3 ?act ?date ?datePrecision WHERE {
  { wd:%(item)s p:P1891 ?statement . ?statement ps:P1891 ?party . BIND("signed" AS ?act) }
  UNION
  { wd:%(item)s p:P6193 ?statement . ?statement ps:P6193 ?party . BIND("ratified" AS ?act) }
  ?party wdt:P298 ?iso3 .
  OPTIONAL { ?statement pqv:P585 [ wikibase:timeValue ?date ;
                                   wikibase:timePrecision ?datePrecision ] . }
}"""

_FIND = """SELECT DISTINCT ?item WHERE {
  { ?item rdfs:label %(name)s } UNION { ?item skos:altLabel %(name)s }
  UNION { ?item skos:altLabel %(code)s }
  ?item wdt:P31 ?kind .
} LIMIT 5"""


def endpoint() -> str:
    """The SPARQL endpoint: `ACCORD_WIKIDATA_URL`, else Wikidata's public service."""
    return os.environ.get(ENDPOINT_ENV) or DEFAULT_ENDPOINT


def _literal(text: str) -> str:
    """`text` as a SPARQL string literal in English (quotes and backslashes escaped)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{escaped}"@en'


def check_item(item: str) -> str:
    """A Wikidata item id (`Q` and digits), or an input error naming the field."""
    if not _ITEM.match(item):
        raise InputError.at(f"not a Wikidata item id (Q and digits): {item!r}", field="item")
    return item


def run_query(query: str, url: str | None = None) -> list[dict[str, str]]:
    """The rows of a SPARQL SELECT, each a mapping of variable to value (absent: unbound)."""
    target = url or endpoint()
    request = urllib.request.Request(
        target + "?" + urllib.parse.urlencode({"query": query, "format": "json"}),
        headers={"Accept": "application/sparql-results+json", "User-Agent": _USER_AGENT},
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:
            body = answer.read(MAX_RESPONSE_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise RemoteError(f"the SPARQL service at {target} answered {exc.code}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise RemoteError(f"cannot reach the SPARQL service at {target}: {reason}") from None
    if len(body) > MAX_RESPONSE_BYTES:
        raise RemoteError(f"the SPARQL answer is larger than {MAX_RESPONSE_BYTES} bytes")
    try:
        bindings = json.loads(body)["results"]["bindings"]
        return [{k: str(v["value"]) for k, v in row.items()} for row in bindings]
    except (ValueError, KeyError, TypeError) as exc:
        raise RemoteError(
            f"the SPARQL service at {target} answered no JSON results: {exc}"
        ) from None


def _qid(uri: str) -> str:
    return uri.rsplit("/", 1)[-1]


def find_item(name: str, code: str, url: str | None = None) -> str:
    """The Wikidata item of an organization or treaty, found by its English name or code."""
    if not re.match(r"^[A-Z0-9][A-Z0-9-]{0,31}$", code):
        raise InputError.at(f"not an organization or treaty code: {code!r}", field="code")
    rows = run_query(_FIND % {"name": _literal(name), "code": _literal(code)}, url)
    items = sorted({_qid(r["item"]) for r in rows if "item" in r})
    if not items:
        raise InputError.at(
            f"Wikidata has no item named {name!r} or {code!r}: give its item id", field="item"
        )
    if len(items) > 1:
        raise InputError.at(
            f"several Wikidata items match {name!r}: {', '.join(items)}; give one", field="item"
        )
    return items[0]


def _day(value: str | None, precision: str | None) -> tuple[dt.date | None, bool]:
    """(date, exact) of a Wikidata time value; exact is False below day precision."""
    if not value:
        return None, False
    try:
        day = dt.date.fromisoformat(value[:10].lstrip("+"))
    except ValueError:
        return None, False
    return day, precision is None or int(float(precision)) >= _DAY


@dataclass(frozen=True)
class Fetched:
    """What Wikidata says about one actor: the record built from it and how exact it is."""

    record: Membership | TreatyParty
    exact: bool
    items: tuple[str, ...]


def _cite(subject: str, prop: str, items: Iterable[str], retrieved: dt.date, exact: bool) -> str:
    links = ", ".join(f"https://www.wikidata.org/wiki/{i}" for i in sorted(set(items)))
    precision = "" if exact else "; Wikidata gives the month or year only, the day is the 1st"
    return (
        f"Wikidata (CC0), {subject}, statement {prop}, retrieved {retrieved.isoformat()}, "
        f"{links}{precision}"
    )


def fetch_memberships(
    org: str, item: str, url: str | None = None, today: dt.date | None = None
) -> list[Fetched]:
    """Membership spells of states in the organization `org` (Wikidata item `item`)."""
    check_item(item)
    retrieved = today or dt.date.today()
    out = []
    for row in run_query(_MEMBERS % {"item": item}, url):
        joined, exact = _day(row.get("start"), row.get("startPrecision"))
        left, left_exact = _day(row.get("end"), row.get("endPrecision"))
        iso3 = row.get("iso3", "").upper()
        if joined is None or not re.match(r"^[A-Z]{3}$", iso3) or (left and left <= joined):
            continue
        items = (item, _qid(row["member"]))
        source = _cite(f"member of (P463) {item}", "P463", items, retrieved, exact and left_exact)
        record = Membership(org, iso3, Role.MEMBER, joined, source, left=left)
        out.append(Fetched(record, exact and left_exact, items))
    return sorted(out, key=lambda f: (_actor(f), _after(f)))


def fetch_participation(
    treaty: str, item: str, url: str | None = None, today: dt.date | None = None
) -> list[Fetched]:
    """Signature and ratification of states for the treaty `treaty` (Wikidata item `item`)."""
    check_item(item)
    retrieved = today or dt.date.today()
    acts: dict[str, dict[str, Any]] = {}
    for row in run_query(_PARTIES % {"item": item}, url):
        iso3 = row.get("iso3", "").upper()
        day, exact = _day(row.get("date"), row.get("datePrecision"))
        if day is None or not re.match(r"^[A-Z]{3}$", iso3):
            continue
        entry = acts.setdefault(iso3, {"items": {item, _qid(row["party"])}, "exact": True})
        entry[row.get("act", "")] = min(day, entry.get(row.get("act", ""), day))
        entry["exact"] = entry["exact"] and exact
    out = []
    for iso3, entry in sorted(acts.items()):
        items = tuple(sorted(entry["items"]))
        source = _cite(f"treaty {item}", "P1891/P6193", items, retrieved, entry["exact"])
        record = TreatyParty(
            treaty, iso3, source, signed=entry.get("signed"), ratified=entry.get("ratified")
        )
        out.append(Fetched(record, entry["exact"], items))
    return out


@dataclass(frozen=True)
class Change(AsDict):
    """One difference between Wikidata and the world: a row to add or one to replace."""

    kind: str  # "add" or "replace"
    table: str  # "memberships" or "treaty_parties"
    code: str  # the organization or treaty
    actor: str
    before: str | None
    after: str
    exact: bool
    items: tuple[str, ...]


def _span(start: dt.date | None, end: dt.date | None) -> str:
    return f"{start.isoformat() if start else '?'} .. {end.isoformat() if end else 'now'}"


def membership_changes(world: World, org: str, fetched: Iterable[Fetched]) -> list[Change]:
    """Spells Wikidata records that the world lacks or dates differently (states only)."""
    states = {s.code for s in world.states}
    mine: dict[str, list[Membership]] = {}
    for m in world.records.memberships:
        if m.org == org and m.role is Role.MEMBER:
            mine.setdefault(m.member, []).append(m)
    changes = []
    for f in fetched:
        new = f.record
        assert isinstance(new, Membership)
        if new.member not in states:
            continue
        spells = mine.get(new.member, [])
        if any(s.joined == new.joined and s.left == new.left for s in spells):
            continue
        overlapping = [s for s in spells if s.interval.overlaps(new.interval)]
        kind = "replace" if len(overlapping) == 1 else "add"
        if len(overlapping) > 1:
            continue  # several spells of ours against one of theirs: left to a person
        before = _span(overlapping[0].joined, overlapping[0].left) if overlapping else None
        after = _span(new.joined, new.left)
        changes.append(
            Change(kind, "memberships", org, new.member, before, after, f.exact, f.items)
        )
    return changes


def _acts(p: TreatyParty) -> str:
    return f"signed {p.signed or '-'}, ratified {p.ratified or '-'}"


def participation_changes(world: World, treaty: str, fetched: Iterable[Fetched]) -> list[Change]:
    """Signatures and ratifications Wikidata records that the world lacks or dates otherwise."""
    states = {s.code for s in world.states}
    mine = {p.party: p for p in world.records.treaty_parties if p.treaty == treaty}
    changes = []
    for f in fetched:
        new = f.record
        assert isinstance(new, TreatyParty)
        if new.party not in states:
            continue
        old = mine.get(new.party)
        if old is not None and (old.signed, old.ratified) == (new.signed, new.ratified):
            continue
        after = _acts(new)
        before = None if old is None else _acts(old)
        kind = "add" if old is None else "replace"
        changes.append(
            Change(kind, "treaty_parties", treaty, new.party, before, after, f.exact, f.items)
        )
    return changes


def apply_changes(world: World, changes: Iterable[Change], fetched: Iterable[Fetched]) -> World:
    """A new world with the accepted `changes` applied, each row taken from `fetched`."""
    by_key = {(_actor(f), _after(f)): f for f in fetched}
    records = world.records
    memberships = list(records.memberships)
    parties = list(records.treaty_parties)
    for change in changes:
        match = by_key.get((change.actor, change.after))
        if match is None:
            continue
        new = match.record
        if isinstance(new, Membership):
            if change.kind == "replace":
                memberships = [m for m in memberships if not _same_spell(m, new)]
            memberships.append(new)
            continue
        old = next((p for p in parties if (p.treaty, p.party) == (new.treaty, new.party)), None)
        if old is not None:
            parties.remove(old)
            new = replace(old, signed=new.signed, ratified=new.ratified, source=new.source)
        parties.append(new)
    return World(replace(records, memberships=tuple(memberships), treaty_parties=tuple(parties)))


def _same_spell(mine: Membership, theirs: Membership) -> bool:
    return (
        mine.org == theirs.org
        and mine.member == theirs.member
        and mine.role is Role.MEMBER
        and mine.interval.overlaps(theirs.interval)
    )


def _actor(f: Fetched) -> str:
    r = f.record
    return r.member if isinstance(r, Membership) else r.party


def _after(f: Fetched) -> str:
    r = f.record
    if isinstance(r, Membership):
        return _span(r.joined, r.left)
    return _acts(r)
