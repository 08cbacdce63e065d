"""The exercise session routes: start, read, move, the facilitator's controls, the clock, the
live stream, and secrecy endpoint by endpoint (a role's token reaches nothing of another role's
private part; the facilitator's reaches all)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from accord.api import Settings, create_app
from accord.api.routes import exercises as routes
from accord.world import World

FIXTURES = Path(__file__).resolve().parents[1] / "exercises" / "fixtures"
CROSS_SITE = {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}


@pytest.fixture(autouse=True)
def tiny_shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    """The API's shipped exercises are the test fixtures (the tiny exercise)."""
    monkeypatch.setattr(routes, "EXERCISE_DIR", FIXTURES)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def start(client: TestClient, **extra: Any) -> dict[str, Any]:
    body = {"exercise": "tiny", "players": {"PHL": "ana", "CHN": "wei"}, **extra}
    r = client.post("/api/exercises/sessions", json=body)
    assert r.status_code == 201, r.text
    started: dict[str, Any] = r.json()
    return started


@pytest.fixture
def started(client: TestClient) -> dict[str, Any]:
    return start(client)


def url(s: dict[str, Any], tail: str = "") -> str:
    return f"/api/exercises/sessions/{s['session_id']}{tail}"


def test_catalog_and_outline_show_no_private_part(client: TestClient) -> None:
    listing = client.get("/api/exercises").json()
    assert [(e["name"], e["file"]) for e in listing["exercises"]] == [
        ("tiny", "exercises/tiny.yaml")
    ]
    outline = client.get("/api/exercises/tiny").json()
    assert [r["id"] for r in outline["roles"]] == ["PHL", "CHN", "asean"]
    assert outline["tables"][0]["parties"] == ["PHL", "CHN"]
    text = json.dumps(outline)
    assert "red line" not in text and "private_brief" not in text and "objectives" not in text
    assert "Coast guard" not in text  # the MSEL stays secret
    assert client.get("/api/exercises/nope").status_code == 404


def test_an_unknown_role_is_an_input_error_at_its_field(client: TestClient) -> None:
    body = {"exercise": "tiny", "players": {"PHL": "ana", "CHM": "wei", "zz": "x"}}
    r = client.post("/api/exercises/sessions", json=body)
    assert r.status_code == 422, r.text
    problems = r.json()["problems"]
    assert [p["field"] for p in problems] == ["players.CHM", "players.zz"]
    assert "unknown role 'CHM'" in problems[0]["message"]
    assert "CHN" in problems[0]["message"]  # the close match
    assert client.get("/api/exercises/sessions").json() == []  # nothing started


def test_start_gives_tokens_and_invite_links(client: TestClient, started: dict[str, Any]) -> None:
    sid = started["session_id"]
    assert started["links"]["PHL"] == (
        f"/exercise.html?session={sid}&token={started['invites']['PHL']}"
    )
    assert started["players"] == {"PHL": "ana", "CHN": "wei", "asean": None}
    summaries = client.get("/api/exercises/sessions").json()
    assert summaries == [
        {"session_id": sid, "exercise": "tiny", "title": "A tiny shoal dispute", "turn": 1,
         "status": "running"}
    ]  # fmt: skip
    assert "token" not in json.dumps(summaries)


def test_view_with_bearer_or_query_token(client: TestClient, started: dict[str, Any]) -> None:
    phl = started["invites"]["PHL"]
    by_header = client.get(url(started), headers=bearer(phl)).json()
    by_query = client.get(url(started), params={"token": phl}).json()
    assert by_header.pop("clock")["elapsed"] <= by_query.pop("clock")["elapsed"]
    assert by_header == by_query
    assert by_header["you"] == "PHL"
    assert [b["role"] for b in by_header["briefs"]] == ["PHL"]
    clock = client.get(url(started, "/clock"), headers=bearer(phl)).json()
    assert (clock["turn"], clock["status"], clock["deadline"]) == (1, "running", None)
    assert client.get(url(started)).status_code == 403
    assert client.get(url(started), params={"token": "guess"}).status_code == 404


def test_message_reaches_the_addressed_role_only(
    client: TestClient, started: dict[str, Any]
) -> None:
    phl, chn, fac = (started["invites"]["PHL"], started["invites"]["CHN"],
                     started["facilitator_token"])  # fmt: skip
    asean = started["invites"]["asean"]
    r = client.post(
        url(started, "/messages"), json={"to": ["CHN"], "text": "back channel"}, headers=bearer(phl)
    )
    assert r.status_code == 201, r.text
    seq = r.json()["seq"]

    def texts(token: str) -> list[str]:
        moves = client.get(url(started, "/inbox"), headers=bearer(token)).json()["moves"]
        return [m["body"].get("text") for m in moves if m["seq"] == seq]

    assert texts(chn) == ["back channel"]
    assert texts(fac) == ["back channel"]
    assert texts(asean) == []


def test_cross_site_posts_are_refused(client: TestClient, started: dict[str, Any]) -> None:
    phl = started["invites"]["PHL"]
    r = client.post(
        url(started, "/messages"),
        json={"to": ["CHN"], "text": "forged"},
        headers={**bearer(phl), **CROSS_SITE},
    )
    assert r.status_code == 403
    assert r.json()["error"] == "cross-site request refused"
    r = client.post("/api/exercises/sessions", json={"exercise": "tiny"}, headers=CROSS_SITE)
    assert r.status_code == 403


def test_facilitator_advances_and_players_cannot(
    client: TestClient, started: dict[str, Any]
) -> None:
    phl, fac = started["invites"]["PHL"], started["facilitator_token"]
    assert client.post(url(started, "/advance"), headers=bearer(phl)).status_code == 404
    r = client.post(url(started, "/advance"), headers=bearer(fac))
    assert r.status_code == 200, r.text
    assert r.json()["turn"] == 1 and r.json()["next_turn"] == 2
    assert client.get(url(started), headers=bearer(phl)).json()["turn"] == 2


@pytest.fixture
def server_token_client(tmp_path: Path, mini_world: World) -> Iterator[TestClient]:
    settings = Settings(
        db=tmp_path / "api.duckdb",
        data_dir=tmp_path / "data",
        allowed_hosts=("testserver",),
        token="server-secret",
    )
    with TestClient(create_app(settings, world=mini_world)) as client:
        yield client


def test_session_routes_take_the_session_token_not_the_servers(
    server_token_client: TestClient,
) -> None:
    client = server_token_client
    assert client.post("/api/exercises/sessions", json={"exercise": "tiny"}).status_code == 401
    r = client.post(
        "/api/exercises/sessions", json={"exercise": "tiny"}, headers=bearer("server-secret")
    )
    assert r.status_code == 201
    s = r.json()
    r = client.post(
        url(s, "/messages"),
        json={"to": ["public"], "text": "hello"},
        headers=bearer(s["facilitator_token"]),
    )
    assert r.status_code == 201, r.text
    assert r.json()["role"] == "control"
    r = client.post(
        url(s, "/messages"), json={"to": ["public"], "text": "x"}, headers=bearer("server-secret")
    )
    assert r.status_code == 404  # the server's token is no session token


# -- secrecy, endpoint by endpoint ----------------------------------------------------------------

#: Text only CHN, the ASEAN chair or the facilitator may read (private briefs, objectives,
#: positions, a message between CHN and the chair, an inject for CHN alone).
SECRETS = (
    "red line",
    "construction material",
    "A deal of any kind",
    "inspection >= 50",
    "chair-only note",
    "for Beijing only",
)


@pytest.fixture
def played(client: TestClient, started: dict[str, Any]) -> dict[str, Any]:
    """The tiny session with a private message CHN -> chair, a proposal by PHL and an inject
    for CHN alone."""
    chn, fac = started["invites"]["CHN"], started["facilitator_token"]
    phl = started["invites"]["PHL"]
    for path, body, token in (
        ("/messages", {"to": ["asean"], "text": "chair-only note"}, chn),
        ("/tables/resupply/proposals", {"values": {"inspection": 35}}, phl),
        ("/injects", {"text": "for Beijing only", "audience": ["CHN"]}, fac),
    ):
        r = client.post(url(started, path), json=body, headers=bearer(token))
        assert r.status_code == 201, r.text
    return started


PLAYER_GETS = ("", "/clock", "/roles/PHL", "/inbox", "/tables/resupply")


def test_a_player_reads_nothing_private_of_another_role(
    client: TestClient, played: dict[str, Any]
) -> None:
    phl = played["invites"]["PHL"]
    for tail in PLAYER_GETS:
        r = client.get(url(played, tail), headers=bearer(phl))
        assert r.status_code == 200, (tail, r.text)
        for secret in SECRETS:
            assert secret not in r.text, (tail, secret)
    parties = client.get(url(played, "/tables/resupply"), headers=bearer(phl)).json()["parties"]
    assert parties[1] == {"role": "CHN"}  # no position, salience or capability
    for tail in ("/roles/CHN", "/roles/asean", "/roles/nobody", "/debrief", "/debrief.html"):
        r = client.get(url(played, tail), headers=bearer(phl))
        assert r.status_code == 404, tail
        assert r.json()["error"] == "not found"
    chn = played["invites"]["CHN"]
    answers = [
        client.post(url(played, f"/decisions/{d}"), json={"option": "send"}, headers=bearer(chn))
        for d in ("next-mission", "no-such-decision")
    ]
    assert [a.status_code for a in answers] == [404, 404]
    assert [a.json()["problems"][0]["message"] for a in answers] == [
        "no decision 'next-mission' visible to you",
        "no decision 'no-such-decision' visible to you",
    ]  # another role's decision point and none at all answer alike
    # another role's brief and a role that does not exist answer alike
    mine = client.get(url(played, "/roles/CHN"), headers=bearer(phl)).json()["problems"]
    none = client.get(url(played, "/roles/nobody"), headers=bearer(phl)).json()["problems"]
    assert "CHN" in mine[0]["message"] and "nobody" in none[0]["message"]


def test_the_facilitator_reads_everything(client: TestClient, played: dict[str, Any]) -> None:
    fac = played["facilitator_token"]
    everything = "".join(
        client.get(url(played, tail), headers=bearer(fac)).text
        for tail in ("", "/inbox", "/roles/CHN", "/roles/asean", "/tables/resupply", "/debrief")
    )
    for secret in SECRETS:
        assert secret in everything, secret


def test_players_cannot_use_the_facilitator_controls(
    client: TestClient, played: dict[str, Any]
) -> None:
    phl = played["invites"]["PHL"]
    for tail, body in (
        ("/advance", None),
        ("/injects", {"id": "cable"}),
        ("/pause", None),
        ("/resume", None),
        ("/extend", {"minutes": 5}),
        ("/override", {"table": "resupply", "values": {"inspection": 0}}),
        ("/seats", {"role": "asean", "player": "me"}),
    ):
        r = client.post(url(played, tail), json=body, headers=bearer(phl))
        assert r.status_code == 404, (tail, r.text)
    view = client.get(url(played), headers=bearer(played["facilitator_token"])).json()
    assert (view["turn"], view["status"]) == (1, "running")


def test_every_player_reads_the_debrief_once_the_session_ended(
    client: TestClient, played: dict[str, Any]
) -> None:
    fac, chn = played["facilitator_token"], played["invites"]["CHN"]
    for _ in range(3):
        assert client.post(url(played, "/advance"), headers=bearer(fac)).status_code == 200
    r = client.get(url(played, "/debrief"), headers=bearer(chn))
    assert r.status_code == 200
    assert (r.json()["status"], r.json()["played"]) == ("ended", 3)
    page = client.get(url(played, "/debrief.html"), params={"token": chn})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "<svg" in page.text and "A tiny shoal dispute" in page.text


# -- the facilitator's controls and the clock ----------------------------------------------------


def test_pause_resume_extend_and_override(client: TestClient) -> None:
    s = start(client, turn_minutes=30)
    fac, phl = bearer(s["facilitator_token"]), bearer(s["invites"]["PHL"])
    left = client.get(url(s, "/clock"), headers=phl).json()["seconds_left"]
    assert 1790 < left <= 1800
    paused = client.post(url(s, "/pause"), headers=fac).json()
    assert (paused["status"], paused["deadline"]) == ("paused", None)
    r = client.post(url(s, "/messages"), json={"to": ["CHN"], "text": "hi"}, headers=phl)
    assert r.status_code == 422 and "paused" in r.text
    assert client.post(url(s, "/pause"), headers=fac).status_code == 422
    resumed = client.post(url(s, "/resume"), headers=fac).json()
    assert resumed["status"] == "running" and resumed["deadline"] is not None
    longer = client.post(url(s, "/extend"), json={"minutes": 10}, headers=fac).json()
    assert 2390 < longer["seconds_left"] <= 2400
    body = {"table": "resupply", "values": {"inspection": 45}, "note": "control rules"}
    move = client.post(url(s, "/override"), json=body, headers=fac).json()
    assert (move["role"], move["kind"], move["body"]["override"]) == ("control", "agreement", True)
    r = client.post(url(s, "/override"), json={"table": "resupply"}, headers=fac)
    assert r.status_code == 422 and r.json()["problems"][0]["field"] == "values.inspection"
    fired = client.post(url(s, "/injects"), json={"id": "cable"}, headers=fac).json()
    assert (fired["kind"], fired["audience"]) == ("inject", ["PHL"])


def _timed_dir(tmp_path: Path, minute: float, turn_minutes: float | None = None) -> Path:
    import yaml

    data = yaml.safe_load((FIXTURES / "tiny.yaml").read_text(encoding="utf-8"))
    data["injects"].append(
        {"id": "leak", "turn": 1, "minute": minute, "channel": "cable", "audience": ["CHN"],
         "text": "A leaked memo."}
    )  # fmt: skip
    if turn_minutes is not None:
        data["turn_minutes"] = turn_minutes
    folder = tmp_path / "shipped"
    folder.mkdir()
    (folder / "tiny.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return folder


def _wait_for(check: Any, seconds: float = 15.0) -> Any:
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"not within {seconds} s")


def test_the_server_fires_a_minute_inject_and_ends_a_turn_on_time(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(routes, "EXERCISE_DIR", _timed_dir(tmp_path, minute=0.01))
    s = start(client, turn_minutes=0.05)  # 3 s turns; the leak at 0.6 s
    chn, phl = bearer(s["invites"]["CHN"]), bearer(s["invites"]["PHL"])

    def leak(headers: dict[str, str]) -> list[str]:
        moves = client.get(url(s, "/inbox"), headers=headers).json()["moves"]
        return [m["body"]["text"] for m in moves if m["body"].get("inject") == "leak"]

    assert _wait_for(lambda: leak(chn)) == ["A leaked memo."]
    assert leak(phl) == []
    view = _wait_for(lambda: (v := client.get(url(s), headers=phl).json())["turn"] == 2 and v)
    assert view["clock"]["turn"] == 2 and view["clock"]["seconds_left"] <= 3


# -- a restart in mid-turn ------------------------------------------------------------------------


def test_a_session_survives_a_server_restart_in_mid_turn(
    settings: Settings, mini_world: World
) -> None:
    with TestClient(create_app(settings, world=mini_world)) as client:
        s = start(client, turn_minutes=60)
        phl, fac = bearer(s["invites"]["PHL"]), bearer(s["facilitator_token"])
        client.post(url(s, "/messages"), json={"to": ["CHN"], "text": "before"}, headers=phl)
        client.post(
            url(s, "/tables/resupply/proposals"), json={"values": {"inspection": 20}}, headers=phl
        )
        client.post(url(s, "/extend"), json={"minutes": 15}, headers=fac)
        before = client.get(url(s, "/inbox"), headers=fac).json()
        deadline = client.get(url(s, "/clock"), headers=fac).json()["deadline"]
    with TestClient(create_app(settings, world=mini_world)) as client:
        assert client.get(url(s, "/inbox"), headers=fac).json() == before
        clock = client.get(url(s, "/clock"), headers=fac).json()
        assert clock["deadline"][:21] == deadline[:21]  # the same deadline, to 0.1 s
        assert 4400 < clock["seconds_left"] < 4500
        kinds = [m["kind"] for m in before["moves"]]
        assert kinds == ["inject", "message", "propose"]
        r = client.post(url(s, "/advance"), headers=fac)
        assert r.status_code == 200 and r.json()["next_turn"] == 2


# -- one form: the CLI's --json is the API's answer ------------------------------------------------


def test_cli_json_is_the_api_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mini_world: World
) -> None:
    from typer.testing import CliRunner

    from accord.cli.main import app as cli
    from accord.store import Store

    folder = tmp_path / "exercises"
    folder.mkdir()
    (folder / "tiny.yaml").write_text((FIXTURES / "tiny.yaml").read_text(encoding="utf-8"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(routes, "EXERCISE_DIR", folder)
    db = tmp_path / "one.duckdb"
    Store(db).close()  # an existing store: the CLI does not fill it with the curated timeline

    def run(*args: str) -> Any:
        done = CliRunner().invoke(cli, ["exercise", *args, "--db", str(db), "--json"])
        assert done.exit_code == 0, done.output
        return json.loads(done.stdout)

    started = run("new", "exercises/tiny.yaml", "--player", "PHL=ana")
    run("advance", started["session_id"])
    listing = run("list", "exercises")
    review = run("debrief", started["session_id"])
    settings = Settings(db=db, data_dir=tmp_path / "data", allowed_hosts=("testserver",))
    with TestClient(create_app(settings, world=mini_world)) as client:
        assert client.get("/api/exercises").json() == listing
        assert listing["exercises"][0]["file"] == "exercises/tiny.yaml"
        assert client.get("/api/exercises/sessions").json() == listing["sessions"]
        fac = bearer(started["facilitator_token"])
        assert client.get(url(started, "/debrief"), headers=fac).json() == review
        assert review["played"] == 1


def test_an_unknown_action_is_a_422_listing_the_vocabulary(
    client: TestClient, started: dict[str, Any]
) -> None:
    r = client.post(
        url(started, "/actions"),
        json={"action": "nuke", "target": "CHN"},
        headers=bearer(started["invites"]["PHL"]),
    )
    assert r.status_code == 422
    problem = r.json()["problems"][0]
    assert problem["field"] == "action"
    assert problem["message"].startswith("unknown action 'nuke'")
    assert "impose_sanctions" in problem["message"] and "blockade" in problem["message"]


def test_the_facilitator_deciding_is_pointed_to_the_override(
    client: TestClient, started: dict[str, Any]
) -> None:
    fac = bearer(started["facilitator_token"])
    assert client.post(url(started, "/advance"), headers=fac).status_code == 200  # turn 2
    r = client.post(url(started, "/decisions/next-mission"), json={"option": "send"}, headers=fac)
    assert r.status_code == 422
    assert r.json()["problems"][0]["message"] == (
        "the facilitator answers a decision point in its role's place with an override: "
        "POST .../override {decision, option, note}"
    )
