"""`accord world ...`: query the world on a date; import, export and validate world files."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from accord.cli.common import (
    console,
    db_option,
    json_option,
    on_option,
    parse_on,
    print_json,
    reports_errors,
)
from accord.store import Store
from accord.world import (
    Membership,
    NonStateActor,
    Obligation,
    Organization,
    State,
    World,
    open_world,
    read_world_dir,
    save_world,
    write_world_dir,
)
from accord.world.ties import FULL_ROLES, Coverage, Role, TreatyStatus

app = typer.Typer(
    help="The world on any date: actors, memberships, treaties, alliances, sanctions."
)


def _world(db: Path | None) -> World:
    with Store(db) as store:
        return open_world(store)


def _name(world: World, code: str) -> str:
    return world.actor(code).name if world.has_actor(code) else code


def summary_data(world: World, on: dt.date) -> dict[str, Any]:
    """The numbers `accord world summary` prints, as a dictionary."""
    states = world.states_on(on)
    by_status = Counter(s.status.value for s in states)
    orgs = []
    for org in sorted(world.organizations, key=lambda o: o.code):
        members = world.members(org.code, on)
        orgs.append({"code": org.code, "name": org.name, "members": len(members)})
    treaties = [
        {
            "code": t.code,
            "name": t.name,
            "in_force": t.in_force.isoformat() if t.in_force and t.in_force <= on else None,
            "parties": len(world.treaty_parties(t.code, on)),
            "signatories": len(world.treaty_signatories(t.code, on)),
        }
        for t in sorted(world.treaties, key=lambda t: t.code)
        if t.kind.value != "defence"
    ]
    in_force = [r for r in world.sanctions_regimes if r.interval.contains(on)]
    alliances = [a for a in world.alliances if a.interval.contains(on)]
    return {
        "on": on.isoformat(),
        "states": len(states),
        "states_by_status": dict(sorted(by_status.items())),
        "organizations": orgs,
        "treaties": treaties,
        "alliances_in_force": len(alliances),
        "sanctions_regimes_in_force": len(in_force),
        "non_state_actors": len(world.non_state_actors),
        "capability_figures": len(world.capabilities),
        "records": world.record_count(),
    }


@app.command()
@reports_errors
def summary(
    on: str | None = on_option(), db: Path | None = db_option(), as_json: bool = json_option()
) -> None:
    """Counts of states, organizations, treaties, alliances and sanctions on a date."""
    day = parse_on(on)
    data = summary_data(_world(db), day)
    if as_json:
        print_json(data)
        return
    status = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in data["states_by_status"].items())
    console.print(f"[bold]Accord world on {data['on']}[/]")
    console.print(f"States: {data['states']} ({status})")
    table = Table(title="Organizations", show_lines=False)
    table.add_column("code")
    table.add_column("name")
    table.add_column("members", justify="right")
    for org in data["organizations"]:
        table.add_row(org["code"], org["name"], str(org["members"]))
    console.print(table)
    treaties = Table(title="Treaties")
    treaties.add_column("code")
    treaties.add_column("name")
    treaties.add_column("in force")
    treaties.add_column("parties", justify="right")
    treaties.add_column("signatories", justify="right")
    for t in data["treaties"]:
        treaties.add_row(
            t["code"], t["name"], t["in_force"] or "no", str(t["parties"]), str(t["signatories"])
        )
    console.print(treaties)
    console.print(
        f"Alliance obligations in force: {data['alliances_in_force']}; "
        f"sanctions regimes in force: {data['sanctions_regimes_in_force']}; "
        f"non-state actors: {data['non_state_actors']}; "
        f"capability figures: {data['capability_figures']}; records: {data['records']}"
    )


def _membership_json(world: World, m: Membership, on: dt.date, key: str) -> dict[str, Any]:
    code = m.member if key == "member" else m.org
    return {
        "code": code,
        "name": _name(world, code),
        "role": m.role.value,
        "joined": m.joined.isoformat(),
        "left": m.left.isoformat() if m.left else None,
        "suspended": m.suspended_on(on),
        "source": m.source,
    }


def show_data(world: World, code: str, on: dt.date) -> dict[str, Any]:
    """Everything `accord world show` prints about one actor."""
    actor = world.actor(code)
    data: dict[str, Any] = {"code": actor.code, "name": actor.name, "on": on.isoformat()}
    if isinstance(actor, State):
        data.update(
            kind="state",
            official_name=actor.official_name,
            cow=actor.cow,
            status=actor.status.value,
            region=actor.region,
            subregion=actor.subregion,
            aliases=list(actor.aliases),
            exists=actor.exists_on(on),
            source=actor.source,
        )
        data["memberships"] = [
            _membership_json(world, m, on, "org") for m in world.memberships(actor.code, on)
        ]
        data["treaties"] = world.treaties_of(actor.code, on)
        data["allies"] = [
            {"ally": a.ally, "alliance": a.alliance, "obligation": a.obligation.value}
            for a in world.allies(actor.code, on)
        ]
        data["sanctions_imposed"] = [
            {"regime": s.regime.code, "target": s.regime.target, "via": s.via}
            for s in world.sanctions(sender=actor.code, on=on)
        ]
        data["sanctions_faced"] = [
            {"regime": s.regime.code, "sender": s.sender}
            for s in world.sanctions(target=actor.code, on=on)
        ]
        data["capabilities"] = [
            {
                "indicator": c.indicator,
                "value": c.value,
                "unit": c.unit,
                "year": c.year,
                "source": c.source,
            }
            for c in world.capabilities_of(actor.code)
        ]
    elif isinstance(actor, Organization):
        data.update(
            kind="organization",
            org_kind=actor.kind.value,
            founded=actor.founded.isoformat() if actor.founded else None,
            source=actor.source,
        )
        data["members"] = [
            _membership_json(world, m, on, "member")
            for m in world.members(actor.code, on, roles=list(Role))
        ]
    elif isinstance(actor, NonStateActor):
        data.update(
            kind="non_state_actor",
            actor_kind=actor.kind.value,
            country=actor.country,
            founded=actor.founded.isoformat() if actor.founded else None,
            source=actor.source,
        )
    return data


@app.command()
@reports_errors
def show(
    code: str = typer.Argument(..., help="Actor code: ISO3 for states (USA), or NATO, EU, ..."),
    on: str | None = on_option(),
    db: Path | None = db_option(),
    as_json: bool = json_option(),
) -> None:
    """An actor and its ties on a date."""
    world = _world(db)
    resolved = world.resolve(code) or code.upper()
    data = show_data(world, resolved, parse_on(on))
    if as_json:
        print_json(data)
        return
    console.print(f"[bold]{data['name']}[/] ({data['code']}), {data['kind']}, on {data['on']}")
    if data["kind"] == "state":
        console.print(
            f"Status: {data['status']}; region: {data['region']} / {data['subregion']}; "
            f"COW {data['cow']}"
        )
        mem = Table(title="Memberships")
        for col in ("org", "name", "role", "joined", "suspended"):
            mem.add_column(col)
        for m in data["memberships"]:
            mem.add_row(
                m["code"], m["name"], m["role"], m["joined"], "yes" if m["suspended"] else ""
            )
        console.print(mem)
        console.print("Treaties in force: " + (", ".join(data["treaties"]) or "none"))
        allies = sorted({a["ally"] for a in data["allies"]})
        console.print(f"Allies ({len(allies)}): " + (", ".join(allies) or "none"))
        faced = sorted({s["regime"] for s in data["sanctions_faced"]})
        console.print("Sanctions faced: " + (", ".join(faced) or "none"))
        imposed = sorted({s["regime"] for s in data["sanctions_imposed"]})
        console.print("Sanctions imposed: " + (", ".join(imposed) or "none"))
        if data["capabilities"]:
            caps = Table(title="Capabilities (latest year)")
            for col in ("indicator", "value", "unit", "year", "source"):
                caps.add_column(col)
            for c in data["capabilities"]:
                caps.add_row(
                    c["indicator"], f"{c['value']:,.0f}", c["unit"], str(c["year"]), c["source"]
                )
            console.print(caps)
    elif data["kind"] == "organization":
        _print_members(data["members"], f"Members of {data['code']} on {data['on']}")


def _print_members(rows: list[dict[str, Any]], title: str) -> None:
    table = Table(title=f"{title}: {len(rows)}")
    for col in ("code", "name", "role", "joined", "suspended"):
        table.add_column(col)
    for m in rows:
        table.add_row(m["code"], m["name"], m["role"], m["joined"], "yes" if m["suspended"] else "")
    console.print(table)


@app.command()
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
    code = world.resolve(org) or org.upper()
    if not isinstance(world.actor(code), Organization):
        raise typer.BadParameter(f"{code} is not an organization", param_hint="ORG")
    rows = [
        _membership_json(world, m, day, "member")
        for m in world.members(code, day, roles=role or FULL_ROLES)
    ]
    if as_json:
        print_json(rows)
        return
    _print_members(rows, f"Members of {code} on {day}")


@app.command()
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
    state = world.resolve(code) or code.upper()
    world.actor(state)
    links = world.allies(state, day, obligation)
    rows = [
        {
            "code": link.ally,
            "name": _name(world, link.ally),
            "alliance": link.alliance,
            "obligation": link.obligation.value,
        }
        for link in links
    ]
    if as_json:
        print_json(rows)
        return
    table = Table(title=f"Allies of {state} on {day}: {len({r['code'] for r in rows})}")
    for col in ("code", "name", "alliance", "obligation"):
        table.add_column(col)
    for r in rows:
        table.add_row(r["code"], r["name"], r["alliance"], r["obligation"])
    console.print(table)


def ties_data(world: World, a: str, b: str, on: dt.date) -> dict[str, Any]:
    t = world.ties(a, b, on)
    return {
        "a": t.a,
        "b": t.b,
        "on": t.on.isoformat(),
        "shared_memberships": list(t.shared_memberships),
        "shared_treaties": list(t.shared_treaties),
        "alliances": [
            {"alliance": x.alliance, "obligation": x.obligation.value} for x in t.alliances
        ],
        "sanctions": [
            {
                "regime": s.regime.code,
                "sender": s.sender,
                "via": s.via,
                "target": s.regime.target,
                "kinds": [k.value for k in s.regime.kinds],
            }
            for s in t.sanctions
        ],
        "representations": [
            {"sender": r.sender, "receiver": r.receiver, "level": r.level.value, "since": r.start}
            for r in t.representations
        ],
    }


@app.command()
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
    data = ties_data(world, world.resolve(a) or a.upper(), world.resolve(b) or b.upper(), day)
    if as_json:
        print_json(data)
        return
    console.print(f"[bold]{data['a']} - {data['b']}[/] on {data['on']}")
    console.print("Shared memberships: " + (", ".join(data["shared_memberships"]) or "none"))
    console.print("Shared treaties: " + (", ".join(data["shared_treaties"]) or "none"))
    console.print(
        "Alliances: "
        + (", ".join(f"{x['alliance']} ({x['obligation']})" for x in data["alliances"]) or "none")
    )
    console.print(
        "Sanctions: "
        + (
            ", ".join(
                f"{s['regime']} by {s['sender']}" + (f" via {s['via']}" if s["via"] else "")
                for s in data["sanctions"]
            )
            or "none"
        )
    )
    console.print(
        "Representation: "
        + (
            ", ".join(
                f"{r['sender']} in {r['receiver']}: {r['level']}" for r in data["representations"]
            )
            or "none recorded"
        )
    )


@app.command()
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
    links = world.sanctions(sender=sender, target=target, on=day)
    rows = [
        {
            "regime": s.regime.code,
            "name": s.regime.name,
            "sender": s.sender,
            "via": s.via,
            "target": s.regime.target,
            "kinds": [k.value for k in s.regime.kinds],
            "since": s.regime.start.isoformat(),
        }
        for s in links
    ]
    if as_json:
        print_json(rows)
        return
    table = Table(title=f"Sanctions in force on {day}: {len(rows)}")
    for col in ("regime", "sender", "target", "kinds", "since"):
        table.add_column(col)
    for s in links:
        via = f" (via {s.via})" if s.via else ""
        table.add_row(
            s.regime.code,
            s.sender + via,
            s.regime.target,
            ", ".join(k.value for k in s.regime.kinds),
            s.regime.start.isoformat(),
        )
    console.print(table)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def treaty_data(
    world: World, code: str, on: dt.date, statuses: list[TreatyStatus] | None = None
) -> list[dict[str, Any]]:
    """Every actor with a standing towards the treaty on the date, one row each, sourced."""
    t = world.treaty(code)
    wanted = set(statuses) if statuses else None
    rows = []
    for s in world.treaty_status(t.code, on):
        if wanted is not None and s.status not in wanted:
            continue
        p = s.record
        rows.append(
            {
                "code": s.party,
                "name": _name(world, s.party),
                "status": s.status.value,
                "how": p.how.value if p.how else None,
                "signed": _iso(p.signed),
                "ratified": _iso(p.ratified),
                "effective": _iso(p.effective_from(t.in_force)),
                "deratified": _iso(p.deratified),
                "withdrawal_notified": _iso(p.notified),
                "withdrawn": _iso(p.withdrawn),
                "reservations": p.reservations or None,
                "note": p.note or None,
                "suspended": [
                    {
                        "toward": x.toward,
                        "since": x.start.isoformat(),
                        "until": _iso(x.end),
                        "source": x.source,
                    }
                    for x in s.suspensions
                ],
                "source": p.source,
            }
        )
    return rows


@app.command()
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
    """Every state's standing towards a treaty on a date (in force or not): party,
    withdrawing, contracting (consented, not in force), signatory, de-ratified, withdrawn."""
    world = _world(db)
    day = parse_on(on)
    t = world.treaty(code)
    rows = treaty_data(world, t.code, day, status)
    if as_json:
        print_json(rows)
        return
    in_force = t.in_force is not None and t.in_force <= day
    counts = Counter(r["status"] for r in rows)
    summary = ", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "nobody"
    console.print(
        f"[bold]{t.name}[/] ({t.code}) on {day}: "
        + ("in force" if in_force else "not in force")
        + f"; {summary}"
    )
    if t.coverage is Coverage.PARTIAL:
        console.print(
            "[yellow]Participation recorded here is partial: see the treaty's source for "
            "the full list.[/]"
        )
    table = Table()
    cols = ("code", "name", "status", "signed", "ratified", "effective", "withdrawn", "source")
    for col in cols:
        if col == "source":
            table.add_column(col, no_wrap=True, overflow="ellipsis", max_width=60)
        else:
            table.add_column(col, no_wrap=col != "name")
    for r in rows:
        when = r["withdrawn"] or r["deratified"]
        table.add_row(
            r["code"],
            r["name"],
            r["status"] + (f" ({r['how']})" if r["how"] else ""),
            r["signed"] or "",
            r["ratified"] or "",
            r["effective"] or "",
            when or "",
            r["source"],
        )
    console.print(table)


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
        save_world(store, world)
        console.print(f"imported {world.record_count()} records into {store.path}")


@app.command("export")
@reports_errors
def export_cmd(
    directory: Path = typer.Argument(..., help="Directory to write (replaced atomically)."),
    db: Path | None = db_option(),
) -> None:
    """Write the stored world as an editable directory of CSV files."""
    world = _world(db)
    path = write_world_dir(world, directory)
    console.print(f"exported {world.record_count()} records to {path}")


@app.command("reset")
@reports_errors
def reset_cmd(db: Path | None = db_option()) -> None:
    """Replace the stored world with the default world shipped with this version of Accord."""
    from accord.world import default_world

    world = default_world()
    with Store(db) as store:
        save_world(store, world)
        console.print(f"stored the default world ({world.record_count()} records) in {store.path}")
