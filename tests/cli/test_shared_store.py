"""One store, every face: while a server holds a store, `accord` commands on it run there.

The fast tests run the server in-process (FastAPI's TestClient, the runner `accord serve`
installs); the slow one starts a real `accord serve` and real `accord` processes beside it.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from accord.api import Settings, create_app
from accord.api.routes import cli_forward
from accord.cli.common import ServedStore
from accord.cli.main import app as cli_app
from accord.cli.remote import forward, run_forwarded
from accord.store.database import write_lock
from accord.store.discovery import announce, read_record, record_path, serving
from accord.world import read_world_dir
from tests.events.formats import Event, line_of, write

TOKEN = "test-token"
PLAIN = {"stdout": {"is_terminal": False, "width": 80}, "stderr": {"is_terminal": False}}


def events_file(directory: Path, name: str, first_id: int, count: int, target: str = "CHN") -> Path:
    """A GDELT 2.0 export of `count` USA->`target` events with ids from `first_id`."""
    events = [
        Event(str(first_id + i), dt.date(2024, 1, 1 + i % 28), "USA", target, "042", 1.9)
        for i in range(count)
    ]
    return write("gdelt2", directory, [line_of("gdelt2", e) for e in events], name=name)


@pytest.fixture
def served(db_path: Path, tmp_path: Path, mini_world_dir: Path) -> Iterator[TestClient]:
    """An app over `db_path` serving `POST /api/cli` as `accord serve` does."""
    settings = Settings(db=db_path, data_dir=tmp_path / "data", allowed_hosts=("testserver",))
    application = create_app(settings, world=read_world_dir(mini_world_dir))
    cli_forward.install(
        application,
        lambda request, emit: run_forwarded(request, emit, db_path),
        TOKEN,
        frozenset({"testclient"}),
    )
    with TestClient(application) as client:
        yield client


def forwarded(client: TestClient, argv: list[str], cwd: Path) -> tuple[int, str, str]:
    """Run `accord argv` through the app: exit status, stdout, stderr."""
    body = {"argv": argv, "cwd": str(cwd), "terminal": PLAIN}
    answer = client.post("/api/cli", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 200, answer.text
    out, err, status = [], [], None
    for line in answer.text.splitlines():
        message = json.loads(line)
        out.append(message.get("out", ""))
        err.append(message.get("err", ""))
        status = message.get("exit", status)
    assert status is not None
    return status, "".join(out), "".join(err)


def api_count(client: TestClient) -> int:
    count: int = client.get("/api/events/stats").json()["events"]
    return count


def test_forwarded_ingest_and_query_see_exact_counts(served: TestClient, tmp_path: Path) -> None:
    events_file(tmp_path, "a.export.csv", 1000, 37)
    status, out, err = forwarded(served, ["events", "ingest", "a.export.csv", "--json"], tmp_path)
    assert status == 0, err
    report = json.loads(out)
    assert (report["stored"], report["files"][0]["file"]) == (37, "a.export.csv")  # cwd relative
    status, out, _ = forwarded(served, ["events", "stats", "--json"], tmp_path)
    assert (status, json.loads(out)["events"]) == (0, 37)
    assert api_count(served) == 37


def test_a_forwarded_write_refreshes_the_cached_answers(served: TestClient, tmp_path: Path) -> None:
    dyad = {"a": "USA", "b": "RUS"}
    before = served.get("/api/relations/dyad", params=dyad)
    assert before.status_code == 200, before.text
    assert served.get("/api/relations/dyad", params=dyad).headers["x-accord-cache"] == "hit"
    events_file(tmp_path, "a.export.csv", 1000, 37, target="RUS")
    assert forwarded(served, ["events", "ingest", "a.export.csv"], tmp_path)[0] == 0
    after = served.get("/api/relations/dyad", params=dyad)
    assert after.headers["x-accord-cache"] == "miss" and after.content != before.content
    assert sum(p["events"] for p in after.json()["points"]) == 37


def test_forwarded_json_is_the_local_output(served: TestClient, tmp_path: Path) -> None:
    events_file(tmp_path, "a.export.csv", 1000, 12)
    assert forwarded(served, ["events", "ingest", "a.export.csv", "--json"], tmp_path)[0] == 0
    db = str(tmp_path / "accord.duckdb")
    for argv in (["events", "stats", "--json"], ["events", "log", "--json"]):
        status, out, _ = forwarded(served, argv, tmp_path)
        local = CliRunner().invoke(cli_app, [*argv, "--db", db])
        assert (status, out) == (local.exit_code, local.stdout)
        assert status == 0 and out.startswith(("{", "["))


def test_errors_and_usage_come_back_with_their_exit_status(
    served: TestClient, tmp_path: Path
) -> None:
    status, out, err = forwarded(served, ["events", "ingest", "missing.csv"], tmp_path)
    assert (status, out) == (1, "")
    assert "missing.csv: no such file, directory or glob match" in err
    status, _, err = forwarded(served, ["events", "stats", "--bogus"], tmp_path)
    assert status == 2 and "No such option: --bogus" in err
    status, _, err = forwarded(served, ["serve"], tmp_path)
    assert status == 1 and "served already" in err and "stop" not in err


def test_a_write_waits_for_the_one_running_and_none_is_lost(
    served: TestClient, tmp_path: Path, db_path: Path
) -> None:
    events_file(tmp_path, "a.export.csv", 1000, 20)
    results: list[tuple[int, str, str]] = []
    lock = write_lock(db_path)
    with lock:  # another write under way
        waiting = threading.Thread(
            target=lambda: results.append(
                forwarded(served, ["events", "ingest", "a.export.csv", "--json"], tmp_path)
            )
        )
        waiting.start()
        time.sleep(1.0)
        assert waiting.is_alive() and results == []
        assert api_count(served) == 0  # reads go on meanwhile
    waiting.join(60)
    assert results[0][0] == 0 and json.loads(results[0][1])["stored"] == 20
    assert api_count(served) == 20


def test_concurrent_cli_writes_and_an_api_upload_all_land(
    served: TestClient, tmp_path: Path
) -> None:
    events_file(tmp_path, "a.export.csv", 1000, 40)
    events_file(tmp_path, "b.export.csv", 2000, 30)
    upload = events_file(tmp_path, "c.export.csv", 3000, 25)
    results: list[int] = []
    threads = [
        threading.Thread(
            target=lambda n=name: results.append(
                forwarded(served, ["events", "ingest", n, "--json"], tmp_path)[0]
            )
        )
        for name in ("a.export.csv", "b.export.csv")
    ]
    for thread in threads:
        thread.start()
    with upload.open("rb") as fh:
        job = served.post("/api/events/ingest", files={"file": ("c.export.csv", fh)}).json()
    for thread in threads:
        thread.join(60)
    deadline = time.monotonic() + 60
    while served.get(f"/api/jobs/{job['id']}").json()["state"] not in ("done", "failed"):
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert results == [0, 0]
    assert served.get(f"/api/jobs/{job['id']}").json()["state"] == "done"
    assert api_count(served) == 95
    status, out, _ = forwarded(served, ["events", "stats", "--json"], tmp_path)
    assert (status, json.loads(out)["events"]) == (0, 95)
    log = json.loads(forwarded(served, ["events", "log", "--json"], tmp_path)[1])
    assert sorted((e["stored"], e["status"]) for e in log) == [(25, "ok"), (30, "ok"), (40, "ok")]


def test_only_a_local_client_with_the_token_runs_commands(
    served: TestClient, tmp_path: Path
) -> None:
    body = {"argv": ["events", "stats"], "cwd": str(tmp_path), "terminal": PLAIN}
    good = {"Authorization": f"Bearer {TOKEN}"}
    forged = served.post("/api/cli", json=body, headers={**good, "Origin": "https://evil.test"})
    assert forged.status_code == 403
    assert served.post("/api/cli", json=body).status_code == 401
    wrong = served.post("/api/cli", json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_stale_record_is_ignored_and_removed(db_path: Path) -> None:
    announce(db_path, "http://127.0.0.1:9", "x")
    record = record_path(db_path)
    stale = json.loads(record.read_text())
    stale["pid"] = _dead_pid()
    record.write_text(json.dumps(stale))
    assert read_record(db_path) is not None
    assert serving(db_path) is None and not record.exists()
    result = CliRunner().invoke(cli_app, ["events", "stats", "--json", "--db", str(db_path)])
    assert result.exit_code == 0 and json.loads(result.stdout)["events"] == 0


@pytest.fixture
def live_record(db_path: Path) -> Iterator[Path]:
    """A record beside `db_path` naming a live process other than this one."""
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    announce(db_path, "http://127.0.0.1:9", "x")
    record = record_path(db_path)
    data = json.loads(record.read_text())
    record.write_text(json.dumps({**data, "pid": other.pid}))
    assert oct(record.stat().st_mode & 0o777) == "0o600"
    yield record
    other.kill()
    other.wait()


def test_a_command_on_a_served_store_goes_to_its_server(db_path: Path, live_record: Path) -> None:
    result = CliRunner().invoke(cli_app, ["events", "stats", "--db", str(db_path)])
    assert isinstance(result.exception, ServedStore)
    assert result.exception.server.url == "http://127.0.0.1:9"
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(db_path)])
    assert result.exit_code == 1
    assert "already served by Accord at http://127.0.0.1:9" in result.stderr
    assert "stop" not in result.stderr


# -- a real server and real CLI processes ------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _accord(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    return subprocess.run(
        [sys.executable, "-m", "accord.cli.main", *argv],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def real_server(db_path: Path, tmp_path: Path) -> Iterator[dict[str, Any]]:
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    argv = ["serve", "--db", str(db_path), "--port", str(port), "--no-fill"]
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "accord.cli.main", *argv],
        cwd=tmp_path,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            if httpx.get(url + "/api/health", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            pass
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.2)
    yield {"url": url, "proc": proc}
    proc.terminate()
    proc.wait(30)
    log.close()


@pytest.mark.slow
def test_cli_processes_ingest_and_query_beside_a_real_server(
    real_server: dict[str, Any], db_path: Path, tmp_path: Path
) -> None:
    events_file(tmp_path, "a.export.csv", 1000, 40)
    events_file(tmp_path, "b.export.csv", 2000, 30)
    upload = events_file(tmp_path, "c.export.csv", 3000, 25)
    db = str(db_path)
    runs: list[subprocess.CompletedProcess[str]] = []
    threads = [
        threading.Thread(
            target=lambda n=name: runs.append(
                _accord("events", "ingest", n, "--db", db, "--json", cwd=tmp_path)
            )
        )
        for name in ("a.export.csv", "b.export.csv")
    ]
    for thread in threads:
        thread.start()
    with upload.open("rb") as fh:
        job = httpx.post(
            real_server["url"] + "/api/events/ingest", files={"file": ("c.export.csv", fh)}
        ).json()
    for thread in threads:
        thread.join(300)
    assert [r.returncode for r in runs] == [0, 0], [r.stderr for r in runs]
    assert sorted(json.loads(r.stdout)["stored"] for r in runs) == [30, 40]
    deadline = time.monotonic() + 120
    while httpx.get(f"{real_server['url']}/api/jobs/{job['id']}").json()["state"] != "done":
        assert time.monotonic() < deadline
        time.sleep(0.1)
    served_stats = _accord("events", "stats", "--db", db, "--json", cwd=tmp_path)
    assert served_stats.returncode == 0 and json.loads(served_stats.stdout)["events"] == 95
    assert httpx.get(real_server["url"] + "/api/events/stats").json()["events"] == 95
    assert all("stop" not in r.stderr for r in [*runs, served_stats])
    real_server["proc"].terminate()
    real_server["proc"].wait(30)
    assert not record_path(db_path).exists()
    local = _accord("events", "stats", "--db", db, "--json", cwd=tmp_path)
    assert local.stdout == served_stats.stdout


def test_progress_bars_and_colours_reach_a_terminal_client(
    served: TestClient, tmp_path: Path
) -> None:
    events_file(tmp_path, "a.export.csv", 1000, 10)
    terminal = {
        "stdout": {"is_terminal": True, "color_system": "standard", "width": 100},
        "stderr": {"is_terminal": True, "color_system": "standard", "width": 100},
    }
    body = {"argv": ["events", "ingest", "a.export.csv"], "cwd": str(tmp_path)}
    answer = served.post(
        "/api/cli",
        json={**body, "terminal": terminal},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    lines = [json.loads(line) for line in answer.text.splitlines()]
    err = "".join(m.get("err", "") for m in lines)
    out = "".join(m.get("out", "") for m in lines)
    assert lines[-1] == {"exit": 0}
    assert "[1/1] a.export.csv" in err and "\x1b[" in err  # the bar, drawn for a terminal
    assert "\x1b[" in out and "a.export.csv" in out  # the report's table, in colour


def test_every_progress_bar_is_made_by_progress_bar() -> None:
    cli = Path(__file__).resolve().parents[2] / "src" / "accord" / "cli"
    direct = [p.name for p in cli.glob("*.py") if "Progress(" in p.read_text(encoding="utf-8")]
    assert direct == ["common.py"]  # bound to the running command's console when made


class _ClosedPipe(io.TextIOBase):
    """Standard output whose reader went away (`| head`): every write raises `EPIPE`."""

    def __init__(self, fd: int) -> None:
        self._fd = fd

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def fileno(self) -> int:
        return self._fd


@pytest.mark.slow
def test_a_closed_pipe_ends_a_forwarded_command_quietly(
    real_server: dict[str, Any],
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server = serving(db_path)
    assert server is not None
    with (tmp_path / "stdout").open("w") as sink:
        monkeypatch.setattr(sys, "stdout", _ClosedPipe(sink.fileno()))
        status = forward(server, ["world", "summary", "--db", str(db_path)])
    assert status == 1
    assert "Traceback" not in capsys.readouterr().err
    # the server finished or interrupted the command and still answers
    assert httpx.get(real_server["url"] + "/api/health", timeout=10).status_code == 200


@pytest.mark.slow
def test_serve_on_a_port_in_use_says_so_and_announces_nothing(
    real_server: dict[str, Any], tmp_path: Path
) -> None:
    port = real_server["url"].rsplit(":", 1)[1]
    other = tmp_path / "other.duckdb"
    run = _accord("serve", "--db", str(other), "--port", port, "--no-fill", cwd=tmp_path)
    assert run.returncode == 1
    assert f"cannot listen on 127.0.0.1 port {port}" in run.stderr and "--port" in run.stderr
    assert "is serving" not in run.stdout and "Traceback" not in run.stderr
    assert not record_path(other).exists()
