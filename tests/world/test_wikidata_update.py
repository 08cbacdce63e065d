"""`accord world update --from wikidata` against SPARQL answers served on loopback."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

import pytest
from typer.testing import CliRunner

from accord.cli.main import app
from accord.errors import InputError, RemoteError
from accord.store import Store
from accord.world import World, default_world, load_world, save_world
from accord.world.persist import stored_origin
from accord.world.wikidata import (
    apply_changes,
    check_item,
    fetch_memberships,
    membership_changes,
    run_query,
)

FIXTURES = Path(__file__).parent / "fixtures" / "wikidata"


class Answers(BaseHTTPRequestHandler):
    """Answers each query with the fixture file its properties call for."""

    queries: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        query = parse_qs(urlsplit(self.path).query).get("query", [""])[0]
        Answers.queries.append(query)
        if "rdfs:label" in query:
            name = "find-nato.json"
        elif "P463" in query:
            name = "nato-members.json"
        elif "P6193" in query:
            name = "rome-parties.json"
        else:
            self.send_error(400)
            return
        body = (FIXTURES / name).read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def endpoint(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Answers)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
    monkeypatch.setenv("ACCORD_WIKIDATA_URL", url)
    Answers.queries = []
    yield url
    server.shutdown()
    server.server_close()


def test_memberships_differences(endpoint: str) -> None:
    world = default_world()
    fetched = fetch_memberships("NATO", "Q7184", endpoint)
    assert {f.record.member for f in fetched} == {"GRC", "DEU", "ALB", "FIN", "SWE", "UKR"}
    changes = membership_changes(world, "NATO", fetched)
    assert [(c.kind, c.actor, c.before, c.after, c.exact) for c in changes] == [
        ("replace", "ALB", "2009-04-01 .. now", "2009-01-01 .. now", False),
        ("add", "UKR", None, "2030-01-01 .. now", False),
    ]
    alb = next(f for f in fetched if f.record.member == "ALB")
    assert "Wikidata (CC0)" in alb.record.source and "wiki/Q222" in alb.record.source
    assert "month or year only" in alb.record.source
    updated = apply_changes(world, changes[1:], fetched)  # accept only the addition
    ukr = [m for m in updated.records.memberships if m.org == "NATO" and m.member == "UKR"]
    assert len(ukr) == 1 and "wiki/Q212" in ukr[0].source
    albania = [m for m in updated.records.memberships if m.org == "NATO" and m.member == "ALB"]
    assert [m.joined.isoformat() for m in albania] == ["2009-04-01"]  # refused: unchanged
    assert "wd:Q7184" in Answers.queries[0]


def test_cli_applies_only_what_is_accepted(endpoint: str, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    runner = CliRunner()
    shown = runner.invoke(
        app, ["world", "update", "--from", "wikidata", "--org", "NATO", "--db", str(db), "--json"]
    )
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.output)
    assert data["item"] == "Q7184" and data["applied"] == 0
    assert [c["actor"] for c in data["changes"]] == ["ALB", "UKR"]
    with Store(db) as store:
        first = stored_origin(store)
    assert first is not None and first[0] == "default"  # filled, nothing applied yet
    # answer "no" to Albania, "yes" to Ukraine
    done = runner.invoke(
        app,
        ["world", "update", "--from", "wikidata", "--org", "NATO", "--db", str(db)],
        input="n\ny\n",
    )
    assert done.exit_code == 0, done.output
    assert "applied 1 of 2 change(s)" in done.output
    with Store(db) as store:
        world = load_world(store)
        origin = stored_origin(store)
    assert world is not None
    assert origin is not None and origin[:2] == ("wikidata", None)  # never replaced by upgrades
    assert [m.member for m in world.members("NATO", "2031-01-01")].count("UKR") == 1
    assert "ALB" not in {m.member for m in world.members("NATO", "2009-02-01")}


def test_treaty_participation(endpoint: str, tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    # The default world lists every Rome Statute participant; a store without Germany's and
    # France's rows lets the recorded answer add them.
    world = default_world()
    kept = tuple(
        p
        for p in world.records.treaty_parties
        if not (p.treaty == "ROME" and p.party in {"DEU", "FRA"})
    )
    with Store(db) as store:
        save_world(store, World(replace(world.records, treaty_parties=kept)))
    result = CliRunner().invoke(
        app,
        ["world", "update", "--from", "wikidata", "--treaty", "ROME", "--item", "Q1430",
         "--yes", "--db", str(db), "--json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert sorted(c["actor"] for c in data["changes"]) == ["DEU", "FRA"]  # SEN already known
    assert data["applied"] == 2
    with Store(db) as store:
        world = load_world(store)
    assert world is not None
    deu = [p for p in world.records.treaty_parties if p.treaty == "ROME" and p.party == "DEU"]
    assert [(str(p.signed), str(p.ratified)) for p in deu] == [("1998-12-10", "2000-12-11")]
    assert "wiki/Q183" in deu[0].source


def test_bad_items_and_unreachable_services() -> None:
    with pytest.raises(InputError) as err:
        check_item("Q1 } ; DROP")
    assert err.value.first.field == "item"
    with pytest.raises(RemoteError, match="cannot reach"):
        run_query("SELECT * WHERE {}", "http://127.0.0.1:9/sparql")
    result = CliRunner().invoke(app, ["world", "update", "--from", "dbpedia", "--org", "NATO"])
    assert result.exit_code == 1 and "unknown update source" in result.output
