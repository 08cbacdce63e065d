"""Names from input files (mapping columns, headers) never reach SQL as code."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.events import ingest, query
from accord.store import Store

HOSTILE = [
    "g's",
    "g' || (SELECT content FROM read_text('/etc/hostname')) || '",
    'd"ay',
    "x'); DROP TABLE events; --",
    "naïve 日付",
]


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_column_names_are_data(name: str, tmp_path: Path, db_path: Path) -> None:
    mapping = tmp_path / "map.yaml"
    quoted = name.replace("\\", "\\\\").replace('"', '\\"')
    mapping.write_text(
        "columns:\n  event_id: id\n"
        f'  event_date: "{quoted}"\n'
        f'  goldstein: "{quoted} w"\n'
        "  cameo_code: code\n",
        encoding="utf-8",
    )
    data = tmp_path / "events.csv"
    cell = '"' + name.replace('"', '""') + '"'
    wcell = '"' + f"{name} w".replace('"', '""') + '"'
    data.write_text(
        f"id,{cell},{wcell},code\n1,2022-02-24,1.5,190\n2,not a date,2,042\n3,2022-02-25,x,042\n",
        encoding="utf-8",
    )
    with Store(db_path) as store:
        report = ingest(store, data, format="csv", mapping=mapping)
        df = query(store, dataset="csv")
        tables = {r[0] for r in store.con.execute("SHOW TABLES").fetchall()}
    assert "events" in tables
    assert (report.stored, report.rejected) == (1, 2)
    rejections = {r.line: r for r in report.files[0].rejections}
    assert rejections[3].field == name
    assert rejections[3].message == (
        f"{name} is not a YYYY-MM-DD date (set date_format in the mapping for another form): "
        "not a date"
    )
    assert rejections[4].field == f"{name} w"
    assert rejections[4].message == f"{name} w is not a valid number: x"
    assert df.goldstein.tolist() == [1.5]
