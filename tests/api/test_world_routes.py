"""World endpoints against the mini world, with expectations read from its CSV files."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from accord.api import Settings, create_app
from accord.store import Store
from accord.world import World, read_world_dir, save_world
from tests.api.conftest import problem_fields
from tests.world.shipped import next_version, ship


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines))


def _holds(row: dict[str, str], on: str, start: str = "joined", end: str = "left") -> bool:
    return row[start] <= on and (not row[end] or on < row[end])


def test_states_are_those_of_states_csv(client: TestClient, mini_world_dir: Path) -> None:
    expected = sorted(r["code"] for r in _rows(mini_world_dir / "states.csv"))
    body = client.get("/api/world/states", params={"on": "2024-06-01"}).json()
    assert [s["code"] for s in body] == expected
    usa = next(s for s in body if s["code"] == "USA")
    assert usa["name"] == "United States"
    assert usa["cow"] == 2


def test_members_of_nato_on_a_date(client: TestClient, mini_world_dir: Path) -> None:
    on = "2023-06-01"
    expected = sorted(
        r["member"]
        for r in _rows(mini_world_dir / "memberships" / "NATO.csv")
        if r["role"] == "member" and _holds(r, on)
    )
    body = client.get("/api/world/organizations/NATO/members", params={"on": on}).json()
    assert [m["code"] for m in body] == expected == ["DEU", "FIN", "USA"]
    partners = client.get(
        "/api/world/organizations/NATO/members", params={"on": "2020-01-01", "role": "partner"}
    ).json()
    assert [m["code"] for m in partners] == ["FIN"]


def test_profile_of_finland(client: TestClient, mini_world_dir: Path) -> None:
    on = "2024-06-01"
    nato = {
        r["member"]
        for r in _rows(mini_world_dir / "memberships" / "NATO.csv")
        if r["role"] == "member" and _holds(r, on)
    }
    body = client.get("/api/world/actors/Finland", params={"on": on}).json()
    assert body["code"] == "FIN"
    assert [m["code"] for m in body["memberships"]] == ["EU", "NATO"]
    assert {a["code"] for a in body["allies"]} == nato - {"FIN"}
    assert body["sanctions_faced"] == []
    # top partners by ties: Germany and Sweden share the EU and NATO (0.6 + 2 * 0.05), ties
    # broken by code; the USA shares NATO only (0.6 + 0.05)
    assert [(p["code"], p["score"]) for p in body["top_partners"]] == [
        ("DEU", 0.7),
        ("SWE", 0.7),
        ("USA", 0.65),
    ]
    org = client.get("/api/world/actors/EU", params={"on": on}).json()
    assert org["kind"] == "organization"
    assert [m["code"] for m in org["members"]] == ["DEU", "FIN", "SWE"]


def test_scores_follow_the_documented_formula(client: TestClient) -> None:
    body = client.get("/api/world/scores/USA", params={"on": "2024-06-01"}).json()
    scores = {s["code"]: s for s in body["scores"]}
    assert body["basis"] == "ties"
    assert "USA" not in scores
    # FIN: NATO defence alliance (+0.6) and one shared organization, NATO (+0.05)
    assert scores["FIN"]["score"] == 0.65
    assert scores["FIN"]["shared_organizations"] == ["NATO"]
    # RUS: the USA is a sender of EU-RUS-2014 (-0.7), no shared organization in the fixture
    assert scores["RUS"]["score"] == -0.7
    assert scores["RUS"]["sanctions"] == ["EU-RUS-2014"]


def test_scores_count_members_of_a_sending_organization(client: TestClient) -> None:
    body = client.get("/api/world/scores/RUS", params={"on": "2015-01-01"}).json()
    scores = {s["code"]: s["score"] for s in body["scores"]}
    # Germany sanctions Russia through the EU; Sweden too; the USA directly
    assert scores == {"DEU": -0.7, "FIN": -0.7, "SWE": -0.7, "USA": -0.7}


def test_ties_and_sanctions(client: TestClient, mini_world_dir: Path) -> None:
    on = "2015-01-01"
    senders = sorted(
        r["sender"]
        for r in _rows(mini_world_dir / "sanction_senders" / "EU-RUS-2014.csv")
        if _holds(r, on)
    )
    rows = client.get("/api/world/sanctions", params={"target": "RUS", "on": on}).json()
    assert sorted(r["sender"] for r in rows) == senders
    ties = client.get("/api/world/ties", params={"a": "USA", "b": "RUS", "on": on}).json()
    assert [s["regime"] for s in ties["sanctions"]] == ["EU-RUS-2014"]
    assert ties["alliances"] == []
    deu = client.get("/api/world/sanctions", params={"sender": "DEU", "on": on}).json()
    assert [(r["sender"], r["via"]) for r in deu] == [("DEU", "EU")]


def test_summary_counts(client: TestClient, mini_world_dir: Path) -> None:
    body = client.get("/api/world/summary", params={"on": "2024-06-01"}).json()
    assert body["states"] == len(_rows(mini_world_dir / "states.csv"))
    assert len(body["organizations"]) == len(_rows(mini_world_dir / "organizations.csv"))
    assert body["on"] == "2024-06-01"
    today = client.get("/api/world/summary").json()
    assert today["on"] == dt.date.today().isoformat()


def test_bad_input_says_what_is_wrong(client: TestClient) -> None:
    r = client.get("/api/world/summary", params={"on": "2024-13-40"})
    assert r.status_code == 422
    assert problem_fields(r.json()) == ["query.on"]
    r = client.get("/api/world/actors/ATLANTIS")
    assert r.status_code == 404
    assert "ATLANTIS" in r.json()["problems"][0]["message"]
    r = client.get("/api/world/organizations/USA/members")
    assert r.status_code == 422
    assert r.json()["problems"][0] == {
        "message": "USA is not a organization",
        "field": "path.code",
        "file": None,
        "line": None,
    }
    r = client.get("/api/world/organizations/XYZ/members")
    assert r.status_code == 404
    assert r.json()["problems"][0]["message"].startswith("unknown organization 'XYZ'")
    r = client.get("/api/world/treaties/NOPE")
    assert r.status_code == 404 and "NOPE" in r.json()["problems"][0]["message"]
    r = client.get("/api/world/allies/NATO")
    assert r.status_code == 422
    r = client.get("/api/world/treaties/PARIS", params={"status": "sideways"})
    assert r.status_code == 422 and problem_fields(r.json()) == ["query.status.0"]
    r = client.get("/api/world/actors/a%20b;drop")
    assert r.status_code == 422
    assert problem_fields(r.json()) == ["path.code"]
    r = client.get("/api/world/ties", params={"a": "USA"})
    assert r.status_code == 422
    assert problem_fields(r.json()) == ["query.b"]
    r = client.get("/api/world/ties", params={"a": "USA", "b": "USA"})
    assert r.status_code == 422 and "two different actors" in r.text
    r = client.get("/api/world/scores/EU")
    assert r.status_code == 422
    r = client.get("/api/world/organizations/NATO/members", params={"role": "king"})
    assert r.status_code == 422
    assert problem_fields(r.json()) == ["query.role.0"]


def test_score_basis_needs_enough_event_partners(client: TestClient) -> None:
    """A few events do not turn the map into mostly grey: `auto` keeps the ties basis until
    a dyad has MIN_DYAD_EVENTS events; `events` forces the event basis."""
    from accord.relations.standing import MIN_DYAD_EVENTS

    svc = client.app.state.services  # type: ignore[attr-defined]
    with svc.locked_store() as store, store.transaction() as con:
        con.execute(
            "INSERT INTO events (dataset, event_id, event_date, source_country, target_country,"
            " cameo_code, cameo_root, quad_class, goldstein, simulated) VALUES"
            " ('csv', 'e1', DATE '2024-05-01', 'USA', 'FIN', '042', '04', 1, 1.9, false),"
            " ('csv', 'e2', DATE '2024-05-02', 'RUS', 'USA', '111', '11', 3, -2.0, false)"
        )
    auto = client.get("/api/world/scores/USA", params={"on": "2024-06-01"}).json()
    assert auto["basis"] == "ties" and MIN_DYAD_EVENTS > 1
    forced = client.get(
        "/api/world/scores/USA", params={"on": "2024-06-01", "basis": "events"}
    ).json()
    assert forced["basis"] == "events"
    assert {s["code"]: s["score"] for s in forced["scores"]} == {"FIN": 1.0, "RUS": -1.0}
    bad = client.get("/api/world/scores/USA", params={"basis": "vibes"})
    assert bad.status_code == 422


def test_the_summary_says_where_the_stored_world_came_from(
    settings: Settings,
    mini_world: World,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    mini_world_dir: Path,
    tmp_path: Path,
) -> None:
    """An imported world: the summary says so, and a code the shipped default world has (here
    the mini world with ASEAN added) answers 404 saying how to get it."""
    with Store(settings.db) as store:
        save_world(store, mini_world, origin="import")
    ship(request, monkeypatch, next_version(mini_world_dir, tmp_path / "shipped"))
    with TestClient(create_app(settings)) as client:
        origin = client.get("/api/world/summary").json()["origin"]
        missing = client.get("/api/world/organizations/ASEAN/members")
    assert (origin["kind"], origin["current"], origin["fingerprint"]) == ("import", False, None)
    assert origin["description"] == "imported from world files"
    assert missing.status_code == 404
    message = missing.json()["problems"][0]["message"]
    assert message.startswith("unknown organization 'ASEAN'")
    assert message.endswith(
        "; the default world shipped with this version of Accord has it: `accord world reset` "
        "replaces the stored world with it (the stored world: imported from world files)"
    )


def test_a_world_saved_while_serving_is_the_one_answered(
    client: TestClient, settings: Settings, mini_world_dir: Path, tmp_path: Path
) -> None:
    """`accord world import` forwarded to a running server (the CLI's commands run in the
    server's process, on a store of their own) saved a world without Finland in NATO: the CLI
    said so, the API kept answering with the world it started with."""
    on = {"on": "2024-06-01"}
    before = client.get("/api/world/organizations/NATO/members", params=on).json()
    assert [m["code"] for m in before] == ["DEU", "FIN", "SWE", "USA"]
    changed = tmp_path / "world"
    shutil.copytree(mini_world_dir, changed)
    nato = changed / "memberships" / "NATO.csv"
    lines = nato.read_text(encoding="utf-8").splitlines(keepends=True)
    nato.write_text("".join(line for line in lines if not line.startswith("FIN,")), "utf-8")
    with Store(settings.db) as store:
        save_world(store, read_world_dir(changed))
    after = client.get("/api/world/organizations/NATO/members", params=on).json()
    assert [m["code"] for m in after] == ["DEU", "SWE", "USA"]
