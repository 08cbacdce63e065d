"""Count-model alerts, the event scope (sectors, IGO officials, conventions) and the 2022 blocs
of the curated timeline."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import ibis.expr.types as ir
import pytest
from scipy.stats import betabinom, norm
from typer.testing import CliRunner

from accord.cli.main import app
from accord.errors import InputError
from accord.events.timeline import load_timeline
from accord.relations import (
    AlertSettings,
    EventScope,
    dyad_series,
    event_scope,
    network_blocs,
    partners,
    tension_alerts,
)
from accord.relations.engine import duckdb_events
from accord.relations.surprise import CountHistory, count_surprise
from accord.store import Store
from tests.relations.eventdata import (
    icews_igo_official,
    insert_events,
    new_store,
    read_icews,
    synthetic,
)


def _six_event_rows() -> list[dict[str, Any]]:
    """Six calm months of 10 cooperative DEU-FRA events, then a month of six: 2 + 4 conflict."""
    rows = []
    for month in range(6):
        for k in range(10):
            day = dt.date(2021, month + 1, 1 + k)
            rows.append(synthetic(day, "DEU", "FRA", 1, 3.0, event_id=f"m{month}-{k}"))
    for k in range(6):
        quad = 1 if k < 2 else 4
        rows.append(
            synthetic(
                dt.date(2021, 7, 1 + k),
                "FRA",
                "DEU",
                quad,
                2.0 if quad == 1 else -8.0,
                event_id=f"s{k}",
            )
        )
    return rows


def test_six_events_cannot_make_a_huge_score(tmp_path: Path) -> None:
    with new_store(tmp_path / "six.duckdb") as store:
        insert_events(store.con, _six_event_rows())
        events = duckdb_events(store.con)
        [old] = tension_alerts(events, AlertSettings(model="spread", drivers=0))
        [alert] = tension_alerts(events, AlertSettings(drivers=2))
    # the earlier rule: flat history, spread floored at 0.05 -> z = (-1/3 - 1) / 0.05
    assert old.z == pytest.approx(-26.666666667)
    # the count model, computed here with scipy: prior centred on the pooled conflict share
    # (4 of 66 events) with 10 pseudo-events, history of 60 events counted as 50
    share = 4 / 66
    a, b = 10 * share, 10 * (1 - share) + 50
    p = betabinom.sf(3, 6, a, b)
    assert alert.p_value == pytest.approx(p, rel=1e-6)
    assert alert.z == pytest.approx(norm.ppf(p), abs=1e-6)
    assert alert.z == pytest.approx(-4.3002, abs=1e-4)
    assert (alert.a, alert.b, alert.period, alert.events, alert.history) == (
        "DEU",
        "FRA",
        "2021-07",
        6,
        6,
    )
    assert alert.value == pytest.approx(-1 / 3)
    assert [(r.dataset, r.event_id) for r in alert.event_ids] == [
        ("csv", f"s{k}") for k in range(6)
    ]
    assert [d.event_id for d in alert.drivers] == ["s2", "s3"]
    assert alert.as_dict()["event_ids"][0] == {
        "dataset": "csv",
        "event_id": "s0",
        "date": "2021-07-01",
    }


def test_count_surprise_is_bounded_by_the_extreme_count() -> None:
    history = [CountHistory(0, 10)] * 4
    worst = count_surprise(
        CountHistory(6, 6),
        history,
        pooled_share=0.3,
        prior_strength=10,
        history_cap=50,
        direction="down",
    )
    # six conflicts in six events under BetaBinomial(6, 3, 47): the smallest p-value possible
    assert worst.p_value == pytest.approx(betabinom.pmf(6, 6, 3, 47), rel=1e-9)
    assert worst.z == pytest.approx(-4.7604, abs=1e-4)
    calm = count_surprise(
        CountHistory(0, 6),
        history,
        pooled_share=0.3,
        prior_strength=10,
        history_cap=50,
        direction="down",
    )
    assert calm.p_value == pytest.approx(1.0) and calm.z == 0.0


def _sector_rows() -> list[dict[str, Any]]:
    day = dt.date(2020, 1, 5)
    juncker = "International Government Organization,Parties,Regional,Regional Diplomatic IGOs"
    head = "International Government Organization,Government,Executive,Elite"
    plan = [
        ("GOV", "GOV", 3),
        ("MIL", "MIL", 2),
        ("BUS", "GOV", 1),
        ("IGO", "GOV", 4),
        (juncker, "Government,Executive", 5),
        (head, "Government,Foreign Ministry", 6),
    ]
    rows = []
    for n, (src, tgt, count) in enumerate(plan):
        for k in range(count):
            dataset = "icews" if "," in src else "gdelt1"
            rows.append(
                synthetic(
                    day,
                    "LUX",
                    "FRA",
                    1,
                    1.0,
                    event_id=f"{n}-{k}",
                    dataset=dataset,
                    source_sector=src,
                    target_sector=tgt,
                )
            )
    return rows


def test_sector_filter_and_igo_officials(tmp_path: Path) -> None:
    with new_store(tmp_path / "sectors.duckdb") as store:
        insert_events(store.con, _sector_rows())
        events = duckdb_events(store.con)

        def count(**kwargs: Any) -> int:
            return sum(
                p.events for p in dyad_series(events, "LUX", "FRA", scope=event_scope(**kwargs))
            )

        # by default the IGO officials (CAMEO IGO, and the ICEWS IGO actor without a national
        # role) count for their organisation: 4 + 5 events leave the LUX-FRA dyad
        assert count() == 3 + 2 + 1 + 6
        assert count(igo_as_state=True) == 21
        assert count(sector="government") == 3 + 6
        assert count(sector="government,military") == 3 + 2 + 6
        assert count(sector="military") == 2
        assert count(sector="igo", igo_as_state=True) == 0  # both actors must be in a sector
        assert count(sector="igo,government", igo_as_state=True) == 3 + 4 + 5 + 6
        assert count(sector="business,government") == 3 + 1 + 6
    with pytest.raises(InputError) as info:
        event_scope("army")
    assert info.value.first.field == "sector"
    with pytest.raises(InputError):
        EventScope(convention="icews")  # type: ignore[arg-type]


def test_igo_rule_on_the_icews_sample(icews_events: ir.Table, icews_path: Path) -> None:
    rows = read_icews(icews_path)
    lux = [r for r in rows if "Luxembourg" in (r["Source Country"], r["Target Country"])]
    igo = [
        r
        for r in lux
        if icews_igo_official(r["Source Sectors"]) or icews_igo_official(r["Target Sectors"])
    ]
    assert igo, "Jean-Claude Juncker appears as an IGO official of Luxembourg"
    own = partners(icews_events, "LUX", top=100)
    as_state = partners(icews_events, "LUX", top=100, scope=EventScope(igo_as_state=True))

    def total(profile: Any) -> int:
        seen = {p.partner: p.events for p in (*profile.by_cooperation, *profile.by_conflict)}
        return sum(seen.values())

    assert total(as_state) - total(own) == len(
        [
            r
            for r in igo
            if r["Source Country"] != r["Target Country"]
            and "NA" not in (r["Source Country"], r["Target Country"])
        ]
    )


def test_gdelt_convention_moves_icews_goldstein_to_gdelt_weights(tmp_path: Path) -> None:
    day = dt.date(2020, 2, 1)
    rows = [
        {
            **synthetic(day, "USA", "RUS", 1, -5.0, event_id="a", dataset="icews"),
            "cameo_code": "016",
            "cameo_root": "01",
        },
        {
            **synthetic(day, "USA", "RUS", 3, -6.5, event_id="b", dataset="icews"),
            "cameo_code": "164",
            "cameo_root": "16",
        },
        {
            **synthetic(day, "USA", "RUS", 4, 3.0, event_id="c", dataset="icews"),
            "cameo_code": "091",
            "cameo_root": "09",
        },
        {
            **synthetic(day, "USA", "RUS", 1, -5.0, event_id="d", dataset="gdelt1"),
            "cameo_code": "016",
            "cameo_root": "01",
        },
    ]
    with new_store(tmp_path / "conv.duckdb") as store:
        insert_events(store.con, rows)
        events = duckdb_events(store.con)
        [own] = dyad_series(events, "USA", "RUS")
        [gdelt] = dyad_series(events, "USA", "RUS", scope=EventScope(convention="gdelt"))
    # own: ICEWS 016 at -5, 164 at -6.5, root 16 material conflict, root 09 verbal conflict
    assert own.goldstein_sum == pytest.approx(-5.0 - 6.5 + 3.0 - 5.0)
    assert (own.verbal_coop, own.material_coop, own.verbal_conflict, own.material_conflict) == (
        2,
        0,
        1,
        1,
    )
    # GDELT's: 016 at -2.0, 164 at -7.0 for ICEWS rows (the GDELT row keeps its own score)
    assert gdelt.goldstein_sum == pytest.approx(-2.0 - 7.0 + 3.0 - 5.0)
    assert (
        gdelt.verbal_coop,
        gdelt.material_coop,
        gdelt.verbal_conflict,
        gdelt.material_conflict,
    ) == (2, 1, 0, 1)


@pytest.fixture(scope="module")
def curated_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("curated") / "curated.duckdb"
    with Store(path) as store:
        load_timeline(store)
    return path


def test_curated_2022_blocs_separate_the_west_from_russia_and_belarus(curated_db: Path) -> None:
    with Store(curated_db, read_only=True) as store:
        result = network_blocs(
            duckdb_events(store.con),
            start=dt.date(2022, 1, 1),
            end=dt.date(2022, 12, 31),
            min_events=1,
        )
    west = {
        result.blocs[i]
        for i in {n.bloc for n in result.nodes if n.code in {"USA", "GBR", "POL", "UKR"}}
    }
    east = {result.blocs[i] for i in {n.bloc for n in result.nodes if n.code in {"RUS", "BLR"}}}
    assert len(west) == 1 and len(east) == 1 and west != east
    assert result.frustration == 0.0 and result.frustration_share == 0.0 and result.balance == 1.0
    assert result.polarisation == pytest.approx(0.474299065)
    assert result.replicates == 20 and result.stability is not None
    assert 0.6 < result.stability < 0.9
    stable = {n.code: n.stability for n in result.nodes}
    assert all(
        stable[c] is not None and stable[c] > 0.75
        for c in ("USA", "GBR", "POL", "UKR", "RUS", "BLR")
    )


def test_cli_blocs_and_alerts_take_the_new_options(curated_db: Path) -> None:
    runner = CliRunner()
    args = ["relations", "blocs", "--from", "2022-01-01", "--to", "2022-12-31", "--min-events", "1"]
    result = runner.invoke(app, [*args, "--bootstrap", "5", "--db", str(curated_db), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["frustration_share"] == 0.0 and data["replicates"] == 5
    assert {"stability", "min_events"} <= set(data)
    bad = runner.invoke(app, [*args, "--sector", "army", "--db", str(curated_db)])
    assert bad.exit_code == 1 and "unknown sector 'army'" in bad.output
    alerts = runner.invoke(
        app,
        [
            "relations",
            "alerts",
            "--model",
            "spread",
            "--sector",
            "government",
            "--db",
            str(curated_db),
            "--json",
        ],
    )
    assert alerts.exit_code == 0, alerts.output
    assert json.loads(alerts.stdout) == []  # curated rows carry no sectors
