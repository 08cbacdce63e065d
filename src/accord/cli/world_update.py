"""`accord world update --from wikidata`: show what Wikidata says differently, apply what is
accepted."""

from __future__ import annotations

from pathlib import Path

import typer

from accord.cli.common import (
    code_column,
    console,
    db_option,
    json_option,
    new_table,
    number_column,
    print_json,
    reports_errors,
    text_column,
)
from accord.errors import InputError, UnknownNameError
from accord.store import Store
from accord.world import Organization, World, open_world, save_world
from accord.world.origin import WIKIDATA
from accord.world.wikidata import (
    Change,
    Fetched,
    apply_changes,
    check_item,
    fetch_memberships,
    fetch_participation,
    find_item,
    membership_changes,
    participation_changes,
)

SOURCES = ("wikidata",)


def _fetch(
    world: World, org: str | None, treaty: str | None, item: str | None
) -> tuple[str, list[Fetched], list[Change]]:
    """The item asked, what it says, and how that differs from the world."""
    if (org is None) == (treaty is None):
        raise InputError.at("give exactly one organization or one treaty", field="org")
    if org is not None:
        code = world.code_for(org)
        actor = world.actor(code)
        if not isinstance(actor, Organization):
            raise InputError.at(f"{code} is not an organization", field="org")
        found = check_item(item) if item else find_item(actor.name, code)
        fetched = fetch_memberships(code, found)
        return found, fetched, membership_changes(world, code, fetched)
    assert treaty is not None
    t = world.treaty(treaty)
    found = check_item(item) if item else find_item(t.name, t.code)
    fetched = fetch_participation(t.code, found)
    return found, fetched, participation_changes(world, t.code, fetched)


def _show(changes: list[Change], item: str) -> None:
    table = new_table(f"Wikidata {item}: {len(changes)} difference(s) from the stored world")
    number_column(table, "#")
    text_column(table, "change")
    code_column(table, "actor")
    number_column(table, "stored")
    number_column(table, "Wikidata")
    code_column(table, "exact day")
    for n, c in enumerate(changes, 1):
        exact = "yes" if c.exact else "no"
        table.add_row(str(n), c.kind, c.actor, c.before or "-", c.after, exact)
    console.print(table)


def _accepted(changes: list[Change], yes: bool) -> list[Change]:
    if yes:
        return changes
    return [
        c
        for c in changes
        if typer.confirm(f"{c.kind} {c.actor}: {c.before or '-'} -> {c.after}?", default=False)
    ]


@reports_errors
def update_cmd(
    source: str = typer.Option(..., "--from", help="Where to read updates: wikidata."),
    org: str | None = typer.Option(None, "--org", help="Organization code (NATO, EU, ...)."),
    treaty: str | None = typer.Option(None, "--treaty", help="Treaty code (ROME, CTBT, ...)."),
    item: str | None = typer.Option(
        None, "--item", help="The Wikidata item id (Q...), when finding it by name is ambiguous."
    ),
    yes: bool = typer.Option(False, "--yes", help="Apply every difference without asking."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Only show the differences."),
    db: Path | None = db_option(),
    as_json: bool = json_option(),
) -> None:
    """Compare memberships or treaty participation with Wikidata; apply what you accept.

    Wikidata's data is CC0; each applied row cites its Wikidata items. The endpoint is
    $ACCORD_WIKIDATA_URL (default: Wikidata's public SPARQL service)."""
    if source not in SOURCES:
        raise UnknownNameError("update source", source, SOURCES)
    with Store(db) as store:
        world = open_world(store)
        found, fetched, changes = _fetch(world, org, treaty, item)
        if as_json and (dry_run or not yes):
            print_json({"item": found, "changes": [c.as_dict() for c in changes], "applied": 0})
            return
        if not as_json:
            _show(changes, found)
        accepted = [] if dry_run else _accepted(changes, yes)
        if accepted:
            save_world(store, apply_changes(world, accepted, fetched), origin=WIKIDATA)
        if as_json:
            print_json(
                {"item": found, "changes": [c.as_dict() for c in changes], "applied": len(accepted)}
            )
        else:
            console.print(f"applied {len(accepted)} of {len(changes)} change(s)")
