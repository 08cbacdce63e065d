"""`accord world ...`: query the world on a date; import, export and validate world files."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

import typer
from rich.table import Table

from accord.cli.common import (
    code_column,
    console,
    db_option,
    err_console,
    examples,
    json_option,
    new_table,
    number_column,
    on_option,
    parse_on,
    print_json,
    reports_errors,
    text_column,
)
from accord.errors import UnknownNameError, writing
from accord.relations import open_events, profile_with_partners
from accord.store import Store
from accord.world import (
    Obligation,
    Organization,
    World,
    open_world,
    read_world_dir,
    save_world,
    write_world_dir,
)
from accord.world.coverage import Coverage
from accord.world.former_names import name_on
from accord.world.origin import DEFAULT, IMPORT, WorldOrigin
from accord.world.reports import (
    ActorProfile,
    MemberEntry,
    TreatyPartyEntry,
    WorldSummary,
    allies_on,
    begun_by,
    members_on,
    partial_gap,
    sanctions_on,
    tie_report,
    treaty_parties_on,
    world_summary,
)
from accord.world.ties import Role, Treaty, TreatyStatus

app = typer.Typer(
    help="The world on any date: actors, memberships, treaties, alliances, sanctions.",
    epilog=examples(
        "accord world summary --on 2024-06-01",
        "accord world members NATO --on 2023-06-01",
        "accord world show FIN --on 2024-01-01",
        "accord world ties USA CHN --on 2024-01-01 --json",
        "accord world export my-world/   (edit the CSV files, then: accord world import my-world/)",
    ),
    add_completion=False,
)


def _world(db: Path | None, *, caveat: bool = True) -> World:
    """The store's world; on stderr, a caveat when it may be an older default world (answers
    from it, such as an alliance fixed since, would otherwise look current)."""
    with Store(db) as store:
        world = open_world(store)
    note = world.origin.stale_note() if caveat and world.origin is not None else None
    if note:
        err_console.print(f"[yellow]{note}[/]", highlight=False)
    return world


@app.command(epilog=examples("accord world summary --on 1990-01-01", "accord world summary --json"))
@reports_errors
def summary(
    on: str | None = on_option(), db: Path | None = db_option(), as_json: bool = json_option()
) -> None:
    """Counts of states, organizations, treaties, alliances and sanctions on a date."""
    world = _world(db, caveat=False)  # its last line says where the world came from
    data = world_summary(world, parse_on(on))
    if as_json:
        print_json(data.as_dict())
        return
    status = ", ".join(f"{k.replace('_', ' ')}: {n}" for k, n in data.states_by_status.items())
    console.print(f"[bold]Accord world on {data.on}[/]")
    console.print(f"States: {data.states} ({status})")
    if data.un_seats_before_statehood:
        console.print(
            f"Counted with their UN seats, before their statehood here: "
            f"{', '.join(data.un_seats_before_statehood)}",
            highlight=False,
        )
    table = new_table("Organizations")
    code_column(table, "code")
    text_column(table, "name")
    number_column(table, "members")
    for org in data.organizations:
        mark = "*" if org.coverage == Coverage.PARTIAL else ""
        table.add_row(org.code, org.name, f"{org.members}{mark}")
    console.print(table)
    _summary_treaties(data)
    partial = [o.code for o in data.organizations if o.coverage == Coverage.PARTIAL]
    partial += [t.code for t in data.treaties if t.coverage == Coverage.PARTIAL]
    if partial:
        console.print(
            "* membership or participation recorded in part only: see `accord world members "
            "CODE` or `accord world treaty CODE` and the source",
            highlight=False,
        )
    console.print(
        f"Alliance obligations in force: {data.alliances_in_force}; "
        f"sanctions regimes in force: {data.sanctions_regimes_in_force}; "
        f"non-state actors: {data.non_state_actors}; "
        f"capability figures: {data.capability_figures}; records: {data.records}"
    )
    if data.origin is not None:
        console.print(_origin_line(data.origin), highlight=False)
    _date_note(data.on, data.states)


def _date_note(on: dt.date, states: int) -> None:
    """Say what a summary on a future date, or a date before any state, is."""
    if on > dt.date.today():
        console.print(
            f"{on} is in the future: this is the world as recorded today, with the end "
            "dates already known (scheduled exits, expiring treaties); nothing is forecast",
            style="dim",
            highlight=False,
        )
    elif not states:
        console.print(
            f"no state of this world existed on {on}: its records start later",
            style="dim",
            highlight=False,
        )


def _origin_line(origin: WorldOrigin) -> str:
    """Where the stored world came from, and how to get this version's default world."""
    saved = f", saved {origin.saved:%Y-%m-%d %H:%M} UTC" if origin.saved else ""
    line = f"World: {origin.description}{saved}"
    if not origin.current:
        line += " (this version's default world: accord world reset)"
    return line


def _profile(world: World, db: Path | None, code: str, on: str | None) -> ActorProfile:
    """The actor's profile, its closest partners from the store's events when it has any."""
    resolved = world.code_for(code)
    with open_events(db) as events:
        return profile_with_partners(events, world, resolved, parse_on(on))


def _summary_treaties(data: WorldSummary) -> None:
    """The summary's treaties: in force since, parties, contracting states, signatories."""
    treaties = new_table("Treaties")
    code_column(treaties, "code")
    text_column(treaties, "name")
    for column in ("in force", "parties", "contracting", "signatories"):
        number_column(treaties, column)
    for t in data.treaties:
        in_force = t.in_force.isoformat() if t.in_force else f"ended {t.ended}" if t.ended else "no"
        mark = "*" if t.coverage == Coverage.PARTIAL else ""
        treaties.add_row(
            t.code,
            t.name,
            in_force,
            f"{t.parties}{mark}",
            f"{t.contracting}{mark}",
            f"{t.signatories}{mark}",
        )
    console.print(treaties)
    console.print(
        "parties: bound (the treaty in force for them); contracting: consented to be bound "
        "(ratified, acceded), the treaty not yet in force for them; signatories: signed or "
        "joined, not withdrawn. Defence treaties (NAT, the North Atlantic Treaty, ...) are "
        "alliances: `accord world allies CODE`, `accord world treaty NAT`",
        style="dim",
        highlight=False,
    )


@app.command(
    epilog=examples(
        "accord world show FIN --on 2024-01-01",
        'accord world show "Soviet Union" --on 1970-01-01',
        "accord world show NATO --json",
    )
)
@reports_errors
def show(
    code: str = typer.Argument(..., help="Actor code: ISO3 for states (USA), or NATO, EU, ..."),
    on: str | None = on_option(),
    db: Path | None = db_option(),
    as_json: bool = json_option(),
) -> None:
    """An actor and its ties on a date."""
    world = _world(db)
    data = _profile(world, db, code, on)
    if as_json:
        print_json(data.as_dict())
        return
    today = f"; {data.current_name} today" if data.current_name else ""
    console.print(f"[bold]{data.name}[/] ({data.code}{today}), {data.kind}, on {data.on}")
    if data.kind == "state":
        _print_state(data)
    elif data.kind == "organization":
        org = world.actor(data.code)
        assert isinstance(org, Organization)
        _print_members(world, data.members, data.on, org)


def _figure(value: float) -> str:
    """A capability value for a table: whole units for large figures, two decimals for small
    ones (shares of GDP, index scores), so 2.05 % or a score of 81.7 do not print as 2 or 82."""
    return f"{value:,.0f}" if value.is_integer() or abs(value) >= 1000 else f"{value:,.2f}"


#: A day (YYYY-MM-DD) or a bare year (1500-2099) in a record's note.
_NOTED_DAY = re.compile(r"\b(1[5-9]\d\d|20\d\d)(?:-(\d\d)-(\d\d))?\b")


def as_of(note: str | None, on: dt.date) -> str:
    """A record's note as shown for `on`: marked `after <on>:` when it speaks of a day or a
    year after `on` (a withdrawal that came later, say), so a past date's answer does not read
    as if it knew the future; '' for no note."""
    if not note:
        return ""
    for found in _NOTED_DAY.finditer(note):
        year, month, day = found.groups()
        try:
            later = dt.date(int(year), int(month), int(day)) > on if month else int(year) > on.year
        except ValueError:  # not a calendar day: not a date
            continue
        if later:
            return f"after {on}: {note}"
    return note


def _print_state(data: ActorProfile) -> None:
    status = (data.status or "-").replace("_", " ")
    cow = f"; COW code {data.cow}" if data.cow is not None else ""  # none for some states
    console.print(f"Status: {status}; region: {data.region} / {data.subregion}{cow}")
    # `status` is the state's standing today; on the date asked, UN membership is the record's
    in_un = any(m.code == "UN" and m.role == "member" for m in data.memberships)
    if data.ended is not None and data.on >= data.ended:
        console.print(
            f"[yellow]{data.code} no longer existed on {data.on}: it ended on {data.ended}.[/]"
        )
    elif data.exists is False:
        console.print(f"[yellow]{data.code} did not exist as a state on {data.on}.[/]")
    elif data.ended is not None:
        console.print(f"A former state: it ended on {data.ended} (its last day the day before).")
    elif status == "un member" and not in_un:
        console.print(f"Not a UN member on {data.on} (status above: today's).")
    mem = new_table("Memberships")
    code_column(mem, "org")
    text_column(mem, "name")
    code_column(mem, "role")
    number_column(mem, "joined")
    code_column(mem, "suspended")
    text_column(mem, "note")
    for m in data.memberships:
        suspended = "yes" if m.suspended else ""
        mem.add_row(m.code, m.name, m.role, m.joined.isoformat(), suspended, as_of(m.note, data.on))
    console.print(mem)
    console.print("Treaties in force: " + (", ".join(data.treaties) or "none"))
    if data.treaty_standings:  # what the list above leaves out: signed only, left, ...
        console.print("Treaty notes and other standings (signed only, left, a note on a party):")
    for st in data.treaty_standings:
        note = f": {as_of(st.note, data.on)}" if st.note else ""
        console.print(f"  {st.treaty}: {st.status}{note}", highlight=False)
    if data.unrecorded:
        console.print(
            f"[yellow]Not named on the partial lists of {', '.join(data.unrecorded)}: whether "
            f"{data.code} is a member or party there is not recorded here.[/]"
        )
    allies = sorted({a.code for a in data.allies})
    console.print(f"Allies ({len(allies)}): " + (", ".join(allies) or "none"))
    faced = sorted({s.regime for s in data.sanctions_faced})
    console.print("Sanctions faced: " + (", ".join(faced) or "none"))
    imposed = sorted({s.regime for s in data.sanctions_imposed})
    console.print("Sanctions imposed: " + (", ".join(imposed) or "none"))
    if data.capabilities:
        caps = new_table("Capabilities (each figure of the date's year, or the latest before)")
        code_column(caps, "indicator")
        number_column(caps, "value")
        text_column(caps, "unit")
        number_column(caps, "year")
        text_column(caps, "source")
        for c in data.capabilities:
            caps.add_row(c.indicator, _figure(c.value), c.unit, str(c.year), _short(c.source))
        console.print(caps)
        console.print("source: the publisher; each citation in full with --json", style="dim")
    if data.top_partners:
        top = ", ".join(f"{p.code} {p.score:.2f}" for p in data.top_partners)
        console.print(f"Main partners ({_PARTNER_SCORE[data.top_partners[0].basis]}): {top}")


def _short(source: str, limit: int = 30) -> str:
    """A citation's publisher (its head before the first comma, parenthesis or semicolon), so
    a table of figures stays readable; `--json` has the citation in full."""
    head = source.split(" (", 1)[0].split("; ", 1)[0].split(", ", 1)[0]
    return head if len(head) <= limit else head[: limit - 3].rstrip() + "..."


#: What the number after each closest partner measures, by the basis it was scored on.
_PARTNER_SCORE = {
    "events": "most events over the year to the date first; each with its net cooperation, "
    "-1 all conflict to 1 all cooperation",
    "ties": "formal-tie score from -1 to 1: alliances, shared organizations, sanctions",
}


def _standings(counts: Mapping[str, int]) -> str:
    """'32 parties, 1 withdrawn': how many hold each standing ('32 party' read as a typo)."""
    plurals = {"party": "parties", "signatory": "signatories"}
    return ", ".join(f"{n} {k if n == 1 else plurals.get(k, k)}" for k, n in sorted(counts.items()))


def _plural(n: int, noun: str) -> str:
    """'1 member', '24 members'."""
    return f"1 {noun}" if n == 1 else f"{n} {noun}s"


def _print_members(
    world: World, rows: Sequence[MemberEntry], day: dt.date, org: Organization
) -> None:
    recorded = " recorded" if org.coverage is Coverage.PARTIAL else ""
    table = new_table(f"Members of {org.code} on {day}: {len(rows)}{recorded}")
    code_column(table, "code")
    text_column(table, "name")
    code_column(table, "role")
    number_column(table, "joined")
    code_column(table, "suspended")
    text_column(table, "note")
    for m in rows:
        suspended = "yes" if m.suspended else ""
        table.add_row(m.code, m.name, m.role, m.joined.isoformat(), suspended, as_of(m.note, day))
    console.print(table)
    missing = partial_gap(world, org, day)  # None: complete, or not founded by then
    if missing:
        console.print(
            f"[yellow]Membership recorded here is partial: {org.code} may have "
            f"{_plural(len(missing), 'member')} not recorded ({', '.join(missing)}).[/]"
        )
    elif missing is not None and org.missing:
        console.print(
            f"[yellow]Membership recorded here is partial: the states it does not record "
            f"({', '.join(org.missing)}) did not exist on {day}.[/]"
        )
    elif missing is not None:
        console.print(
            f"[yellow]Membership recorded here is partial: {org.code} has members this list "
            f"does not name, so a state missing here may be a member (the source says which are "
            f"recorded: accord world show {org.code} --json).[/]"
        )


@app.command(
    epilog=examples(
        "accord world members NATO --on 2023-06-01",
        "accord world members UN --on 1980-01-01 --json",
    )
)
@reports_errors
def members(
    org: str = typer.Argument(..., help="Organization code, e.g. NATO, EU, BRICS."),
    on: str | None = on_option(),
    role: list[Role] | None = typer.Option(
        None, "--role", help="Roles to list (default: full members)."
    ),
    db: Path | None = db_option(),
    as_json: bool = json_option(),
) -> None:
    """Members of an organization on a date."""
    world = _world(db)
    day = parse_on(on)
    try:
        code = world.code_for(org)
    except UnknownNameError as exc:
        known = [o.code for o in world.organizations]
        raise UnknownNameError("organization", org, known, hint=exc.hint) from None
    if not isinstance(world.actor(code), Organization):
        raise typer.BadParameter(f"{code} is not an organization", param_hint="ORG")
    rows = members_on(world, code, day, role)
    if as_json:
        print_json([r.as_dict() for r in rows])
        return
    organization = world.actor(code)
    assert isinstance(organization, Organization)
    _print_members(world, rows, day, organization)
    founded, dissolved = organization.founded, organization.dissolved
    if not rows and founded is not None and day < founded:
        console.print(f"{code} was founded on {founded}, after {day}.")
    elif not rows and dissolved is not None and day >= dissolved:
        console.print(f"{code} was dissolved on {dissolved}.")


@app.command(
    epilog=examples(
        "accord world allies POL --on 1970-01-01", "accord world allies USA --obligation defence"
    )
)
@reports_errors
def allies(
    code: str = typer.Argument(..., help="State code (ISO3)."),
    on: str | None = on_option(),
    obligation: Obligation | None = typer.Option(None, help="Only this kind of obligation."),
    db: Path | None = db_option(),
    as_json: bool = json_option(),
) -> None:
    """Allies of a state on a date, with the alliance and obligation binding each."""
    world = _world(db)
    day = parse_on(on)
    state = world.code_for(code)
    if isinstance(world.actor(state), Organization):
        raise typer.BadParameter(
            f"{state} is an organization: alliances bind states (its members: "
            f"accord world members {state})",
            param_hint="CODE",
        )
    rows = allies_on(world, state, day, obligation)
    if as_json:
        print_json([r.as_dict() for r in rows])
        return
    if not rows:
        kind = f" bound by {obligation.value.replace('_', '-')}" if obligation else ""
        console.print(
            f"{name_on(state, world.actor(state).name, day)} ({state}) has no ally{kind} on "
            f"{day} in the recorded "
            "alliances.",
            highlight=False,
        )
        return
    allies = len({r.code for r in rows})
    table = new_table(
        f"Allies of {state} on {day}: {allies} state(s) in {len(rows)} binding alliance row(s)"
    )
    code_column(table, "code")
    text_column(table, "name")
    code_column(table, "alliance")
    text_column(table, "obligation")
    for r in rows:
        table.add_row(r.code, r.name, r.alliance, r.obligation)
    console.print(table)


@app.command(
    epilog=examples("accord world ties USA NZL --on 1990-01-01", "accord world ties USA CHN --json")
)
@reports_errors
def ties(
    a: str = typer.Argument(..., help="First actor code."),
    b: str = typer.Argument(..., help="Second actor code."),
    on: str | None = on_option(),
    db: Path | None = db_option(),
    as_json: bool = json_option(),
) -> None:
    """Everything linking two actors on a date: organizations, treaties, alliances, sanctions."""
    world = _world(db)
    day = parse_on(on)
    data = tie_report(world, world.code_for(a), world.code_for(b), day)
    if as_json:
        print_json(data.as_dict())
        return
    console.print(f"[bold]{data.a} - {data.b}[/] on {data.on}")
    console.print(
        "Shared memberships: " + (", ".join(x.code for x in data.shared_memberships) or "none")
    )
    console.print("Shared treaties: " + (", ".join(x.code for x in data.shared_treaties) or "none"))
    for x in data.suspended:
        toward = x.toward or "every party"
        until = f" until {x.until}" if x.until else ""
        console.print(
            f"[yellow]Suspended between them: {x.treaty} obligations, by {x.party} towards "
            f"{toward} since {x.since}{until}.[/]",
            highlight=False,
        )
    if data.unrecorded:
        console.print(
            f"[yellow]Recorded in part, so possibly shared though not listed: "
            f"{', '.join(data.unrecorded)}.[/]"
        )
    alliances = ", ".join(f"{x.alliance} ({x.obligation})" for x in data.alliances)
    console.print("Alliances: " + (alliances or "none"))
    sanctions = ", ".join(
        f"{s.regime} by {s.sender}" + (f" via {s.via}" if s.via else "") for s in data.sanctions
    )
    console.print("Sanctions: " + (sanctions or "none"))
    represented = ", ".join(f"{r.sender} in {r.receiver}: {r.level}" for r in data.representations)
    console.print("Representation: " + (represented or "none recorded"))


@app.command(
    epilog=examples(
        "accord world sanctions --on 2023-01-01", "accord world sanctions --target RUS --json"
    )
)
@reports_errors
def sanctions(
    sender: str | None = typer.Option(None, help="Sending state or organization."),
    target: str | None = typer.Option(None, help="Target state."),
    on: str | None = on_option(),
    db: Path | None = db_option(),
    as_json: bool = json_option(),
) -> None:
    """Sanctions regimes in force on a date, by sender and target."""
    world = _world(db)
    day = parse_on(on)
    rows = sanctions_on(world, day, sender=sender, target=target)
    if as_json:
        print_json([r.as_dict() for r in rows])
        return
    if not rows:
        who = "".join(
            f" {role} {code.upper()}" for role, code in (("by", sender), ("on", target)) if code
        )
        console.print(f"No recorded sanctions regime{who} is in force on {day}.", highlight=False)
        return
    regimes = len({r.regime for r in rows})
    table = new_table(
        f"Sanctions in force on {day}: {_plural(len(rows), 'sender-target row')} of "
        f"{_plural(regimes, 'regime')}"
    )
    text_column(table, "regime")
    code_column(table, "sender")
    code_column(table, "target")
    text_column(table, "kinds")
    number_column(table, "since")
    for s in rows:
        via = f" (via {s.via})" if s.via else ""
        table.add_row(s.regime, s.sender + via, s.target, ", ".join(s.kinds), s.since.isoformat())
    console.print(table)


@app.command(
    epilog=examples(
        "accord world treaty CTBT --on 2025-06-01", "accord world treaty PARIS --status withdrawn"
    )
)
@reports_errors
def treaty(
    code: str = typer.Argument(..., help="Treaty code, e.g. PARIS, NPT, CTBT, ROME."),
    on: str | None = on_option(),
    status: list[TreatyStatus] | None = typer.Option(
        None, "--status", help="Only these statuses (repeatable; default: all)."
    ),
    db: Path | None = db_option(),
    as_json: bool = json_option(),
) -> None:
    """Every state that signed or joined a treaty, with its standing on a date.

    Standings: party, withdrawing, contracting (consented, not in force), signatory,
    de-ratified, withdrawn. States that never signed are not listed."""
    world = _world(db)
    day = parse_on(on)
    t = world.treaty(code)
    rows = treaty_parties_on(world, t.code, day, status)
    if as_json:
        print_json([r.as_dict() for r in rows])
        return
    _print_treaty_head(world, t, day, rows, status)
    if rows:  # the head says "nobody" otherwise
        console.print(_treaty_table(rows))
    # contested steps and other caveats, which the table has no room for; rows sharing a
    # caveat (a source's end date, say) share one line
    noted: dict[str, list[str]] = {}
    for r in rows:
        if r.note:
            noted.setdefault(r.note, []).append(r.code)
    for note, codes in noted.items():
        shown = as_of(note, day)
        console.print(f"[yellow]Note on {', '.join(codes)}:[/] {shown}", highlight=False)
    console.print(TREATY_STATUS_NOTE, style="dim", highlight=False)


def _print_treaty_head(
    world: World,
    t: Treaty,
    day: dt.date,
    rows: Sequence[TreatyPartyEntry],
    status: list[TreatyStatus] | None,
) -> None:
    """The treaty's line on `day` (in force or not, standings counted) and a partial list's
    note."""
    everyone = Counter(s.status for s in world.treaty_status(t.code, day))  # all standings
    if t.ended_by(day):
        state = f"ended {t.ended} (terminated or expired)"
    elif t.in_force is None and (
        everyone[TreatyStatus.PARTY] or everyone[TreatyStatus.WITHDRAWING]
    ):
        # parties bound, the day of entry into force not found (the Baghdad Pact)
        state = "in force (the day it entered into force is not recorded)"
    elif not begun_by(t, day):
        state = f"not yet signed (signed on {t.signed}, after {day})"
    else:
        state = "in force" if t.in_force_on(day) else "not in force"
    counts = Counter(r.status for r in rows)
    summary = _standings(counts) or "nobody"
    if not rows and status:  # say who holds the other standings, e.g. before entry into force
        others = {k.value: n for k, n in everyone.items()}
        summary = f"nobody {'/'.join(str(s) for s in status)}" + (
            " (all standings: " + _standings(others) + ")" if others else ""
        )
    name = t.name if t.name.endswith(f"({t.code})") else f"{t.name} ({t.code})"
    console.print(f"[bold]{name}[/] on {day}: {state}; {summary}")
    missing = partial_gap(world, t, day)  # None: complete, or not signed by then
    if missing is not None:
        if missing:
            lacks = f"{_plural(len(missing), 'participant')} not recorded ({', '.join(missing)})"
        elif t.missing:
            lacks = f"the states it does not record ({', '.join(t.missing)}) did not exist then"
        else:
            lacks = "see the treaty's source for the full list"
        console.print(f"[yellow]Participation recorded here is partial: {lacks}.[/]")


def _suspended(r: TreatyPartyEntry) -> str:
    """', obligations suspended toward NZL since 1986-08-11' for a row with suspensions."""
    return "".join(
        f", obligations suspended toward {x.toward or 'all parties'} since {x.since}"
        for x in r.suspended
    )


#: Widths of `_treaty_table`: the least its name and status columns get, what the columns
#: before the source need at most (code, name and status at their least, four dates, the
#: spaces between), and the least width worth showing a source in.
_NAME_WIDTH = 12
_STATUS_WIDTH = 14
_WITHOUT_SOURCE = 4 + _NAME_WIDTH + _STATUS_WIDTH + 4 * 10 + 7 + 26
_SOURCE_WIDTH = 30


def _treaty_table(rows: Sequence[TreatyPartyEntry]) -> Table:
    """One row per state: standing, the dates of each step, and (on a wide terminal) source."""
    table = new_table()
    code_column(table, "code")
    text_column(table, "name", min_width=_NAME_WIDTH)
    text_column(table, "status", min_width=_STATUS_WIDTH)
    for col in ("signed", "ratified", "effective", "withdrawn/ revoked"):
        number_column(table, col)
    # the sources fit beside the dates only on a wide terminal, in the width the other
    # columns leave (a source column given more would squeeze the names and standings)
    room = console.width - _WITHOUT_SOURCE
    wide = room >= _SOURCE_WIDTH
    if wide:
        table.add_column("source", no_wrap=True, overflow="ellipsis", max_width=min(room, 60))
    for r in rows:
        when = r.withdrawn or r.deratified
        table.add_row(
            r.code,
            r.name,
            r.status + (f" ({r.how})" if r.how else "") + _suspended(r),
            *(str(d or "") for d in (r.signed, r.ratified, r.effective, when)),
            *([r.source] if wide else []),
        )
    return table


#: What each status of `accord world treaty` means (docs/world.md, TreatyParty).
TREATY_STATUS_NOTE = (
    "party: bound on the date; withdrawing: bound, withdrawal notified; contracting: consented, "
    "the treaty not yet in force for it; signatory: signed only; deratified: consent revoked; "
    "withdrawn: no longer bound; ended: bound until the treaty itself ended"
)


@app.command("validate")
@reports_errors
def validate_cmd(
    directory: Path = typer.Argument(..., help="World directory (docs/world-files.md)."),
    as_json: bool = json_option(),
) -> None:
    """Check a world directory without touching the database; list every problem."""
    world = read_world_dir(directory)
    if as_json:
        print_json({"valid": True, "records": world.record_count()})
        return
    console.print(f"[green]valid[/]: {world.record_count()} records in {directory}")


@app.command("import")
@reports_errors
def import_cmd(
    directory: Path = typer.Argument(..., help="World directory (docs/world-files.md)."),
    db: Path | None = db_option(),
) -> None:
    """Replace the stored world with a world directory; with any error, nothing changes."""
    world = read_world_dir(directory)
    with Store(db) as store:
        save_world(store, world, origin=IMPORT)
        console.print(f"imported {world.record_count()} records into {store.path}")


@app.command("export")
@reports_errors
def export_cmd(
    directory: Path = typer.Argument(
        ...,
        help="Directory to write: new, empty, or an earlier export (replaced atomically).",
    ),
    db: Path | None = db_option(),
) -> None:
    """Write the stored world as an editable directory of CSV files."""
    world = _world(db)
    with writing(directory, "world export"):  # a full disk, a read-only folder
        path = write_world_dir(world, directory)
    console.print(f"exported {world.record_count()} records to {path}")


@app.command("reset")
@reports_errors
def reset_cmd(db: Path | None = db_option()) -> None:
    """Replace the stored world with the default world shipped with this version of Accord."""
    from accord.world import default_world

    world = default_world()
    with Store(db) as store:
        save_world(store, world, origin=DEFAULT)
        console.print(f"stored the default world ({world.record_count()} records) in {store.path}")


def _register_update() -> None:
    from accord.cli.world_update import update_cmd

    app.command("update")(update_cmd)


_register_update()
