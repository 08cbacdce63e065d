"""A simulation started over HTTP runs in the background, is stored, and relations answer
about the simulated world (same store, same pipes as real events)."""

from __future__ import annotations

import time
from pathlib import Path

from fastapi.testclient import TestClient

from accord.api import Settings, create_app
from accord.store import Store
from accord.world import default_world


def test_simulation_job_is_stored_and_queryable(tmp_path: Path) -> None:
    settings = Settings(
        db=tmp_path / "sim.duckdb", data_dir=tmp_path / "data", allowed_hosts=("testserver",)
    )
    with TestClient(create_app(settings, world=default_world())) as client:
        r = client.post(
            "/api/simulations", json={"scenario": "sanctions-coalition", "runs": 2, "seed": 7}
        )
        assert r.status_code == 202, r.text
        job_id = r.json()["id"]
        deadline = time.monotonic() + 120
        state = ""
        while time.monotonic() < deadline:
            state = client.get(f"/api/jobs/{job_id}").json()["state"]
            if state in {"done", "failed"}:
                break
            time.sleep(0.2)
        assert state == "done"
        result = client.get(f"/api/jobs/{job_id}/result").json()["result"]
        assert result["runs"] == 2 and len(result["run_ids"]) == 2
        run = result["run_ids"][0]
        series = client.get(
            "/api/relations/dyad", params={"a": "VEN", "b": "GUY", "by": "year", "run": run}
        ).json()
        total = sum(p["events"] for p in series["points"])
        bad = client.get("/api/relations/dyad", params={"a": "VEN", "b": "GUY", "run": "x y"})
        assert bad.status_code == 422
    # The same count straight from the store, computed independently of relations.
    with Store(settings.db, read_only=True) as store:
        row = store.con.execute(
            "SELECT count(*) FROM events WHERE simulated AND run_id = ? AND "
            "((source_country = 'VEN' AND target_country = 'GUY') OR "
            "(source_country = 'GUY' AND target_country = 'VEN'))",
            [run],
        ).fetchone()
    assert row is not None and row[0] == total and total > 0
