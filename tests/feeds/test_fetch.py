"""`fetch` against a mirror in each publisher's layout: checksums, resume, retries, skips."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from accord.errors import InputError, RemoteError, UnknownNameError
from accord.events import ingest
from accord.events.feeds import FeedSettings, dataverse, fetch, gdelt1
from accord.events.feeds.download import ChecksumError, Client
from accord.events.feeds.remote import RemoteFile
from accord.store import Store
from tests.feeds.mirror import Mirror, day_file, md5, zipped

DAYS = [dt.date(2016, 7, 28) + dt.timedelta(days=k) for k in range(3)]


def _publish_days(mirror: Mirror, rows: list[list[str]]) -> None:
    for day in DAYS:
        mirror.gdelt1(f"{day:%Y%m%d}.export.CSV.zip", day_file(rows, day))


def _events(store: Store) -> int:
    return int(store.con.execute("SELECT count(*) FROM events").fetchone()[0])


def _expected(tmp_path: Path, rows: list[list[str]]) -> int:
    """How many events the sample's days store when ingested from plain files."""
    folder = tmp_path / "plain"
    folder.mkdir()
    for day in DAYS:
        (folder / f"{day:%Y%m%d}.export.CSV").write_text(day_file(rows, day), encoding="utf-8")
    with Store(tmp_path / "plain.duckdb") as store:
        return ingest(store, folder, format="gdelt1").stored


@pytest.mark.parametrize(
    ("name", "days"),
    [
        ("1979.zip", (dt.date(1979, 1, 1), dt.date(1979, 12, 31))),
        ("200602.zip", (dt.date(2006, 2, 1), dt.date(2006, 2, 28))),
        ("20130401.export.CSV.zip", (dt.date(2013, 4, 1), dt.date(2013, 4, 1))),
        ("md5sums", None),
        ("20131301.export.CSV.zip", None),
    ],
)
def test_gdelt1_archive_names_give_their_days(name: str, days: object) -> None:
    assert gdelt1.days_of(name) == days


def test_fetch_gdelt1_ingests_every_day_then_skips_them(
    mirror: Mirror, feed_settings: FeedSettings, sample_rows: list[list[str]], tmp_path: Path
) -> None:
    _publish_days(mirror, sample_rows)
    mirror.gdelt1("2005.zip", day_file(sample_rows[:5], dt.date(2005, 6, 1)))  # not in range
    expected = _expected(tmp_path, sample_rows)
    with Store(tmp_path / "s.duckdb") as store:
        report = fetch(store, "gdelt1", DAYS[0], DAYS[-1], settings=feed_settings)
        assert [f.status for f in report.files] == ["ingested"] * 3
        assert sum(f.stored for f in report.files) == expected == _events(store)
        again = fetch(store, "gdelt1", DAYS[0], DAYS[-1], settings=feed_settings)
        assert [f.status for f in again.files] == ["skipped"] * 3
        assert _events(store) == expected
    assert mirror.requests["/events/2005.zip"] == 0
    assert all(mirror.requests[f"/events/{d:%Y%m%d}.export.CSV.zip"] == 1 for d in DAYS)


def test_a_wrong_checksum_is_refused_and_nothing_is_stored(
    mirror: Mirror, feed_settings: FeedSettings, sample_rows: list[list[str]], tmp_path: Path
) -> None:
    good = day_file(sample_rows, DAYS[0])
    mirror.gdelt1(f"{DAYS[0]:%Y%m%d}.export.CSV.zip", good, md5_of=zipped("x", good + "x"))
    with Store(tmp_path / "s.duckdb") as store:
        report = fetch(store, "gdelt1", DAYS[0], DAYS[0], settings=feed_settings)
        assert _events(store) == 0
        assert store.con.execute("SELECT count(*) FROM ingest_log").fetchone()[0] == 0
    (failed,) = report.files
    assert failed.status == "failed" and "refused" in (failed.reason or "")
    assert list((feed_settings.cache_dir / "gdelt1").iterdir()) == []


def test_a_truncated_body_resumes_with_a_range_request(
    mirror: Mirror, feed_settings: FeedSettings, sample_rows: list[list[str]], tmp_path: Path
) -> None:
    _publish_days(mirror, sample_rows)
    path = f"/events/{DAYS[1]:%Y%m%d}.export.CSV.zip"
    size = len(mirror.files[path])
    mirror.faults[path] = ["truncate"]
    with Store(tmp_path / "s.duckdb") as store:
        report = fetch(store, "gdelt1", DAYS[0], DAYS[-1], settings=feed_settings)
        stored = _events(store)
    assert [f.status for f in report.files] == ["ingested"] * 3
    assert mirror.ranges == [(path, f"bytes={size // 2}-")]
    assert mirror.requests[path] == 2
    assert stored == _expected(tmp_path, sample_rows)


def test_a_500_is_retried_then_succeeds(
    mirror: Mirror, feed_settings: FeedSettings, sample_rows: list[list[str]], tmp_path: Path
) -> None:
    _publish_days(mirror, sample_rows)
    path = f"/events/{DAYS[0]:%Y%m%d}.export.CSV.zip"
    mirror.faults[path] = ["500"]
    mirror.faults["/events/md5sums"] = ["500"]
    with Store(tmp_path / "s.duckdb") as store:
        report = fetch(store, "gdelt1", DAYS[0], DAYS[0], settings=feed_settings)
    assert report.files[0].status == "ingested"
    assert (mirror.requests[path], mirror.requests["/events/md5sums"]) == (2, 2)


def test_a_404_fails_that_file_only(
    mirror: Mirror, feed_settings: FeedSettings, sample_rows: list[list[str]], tmp_path: Path
) -> None:
    _publish_days(mirror, sample_rows)
    del mirror.files[f"/events/{DAYS[2]:%Y%m%d}.export.CSV.zip"]
    with Store(tmp_path / "s.duckdb") as store:
        report = fetch(store, "gdelt1", DAYS[0], DAYS[-1], settings=feed_settings)
    assert [f.status for f in report.files] == ["ingested", "ingested", "failed"]
    assert "HTTP 404" in (report.files[2].reason or "")
    assert mirror.requests[f"/events/{DAYS[2]:%Y%m%d}.export.CSV.zip"] == 1  # never retried


def test_retries_run_out_with_a_clear_report(mirror: Mirror, feed_settings: FeedSettings) -> None:
    mirror.faults["/events/md5sums"] = ["500"] * 10
    with pytest.raises(RemoteError, match=r"md5sums: failed after 3 attempt\(s\); last: HTTP 500"):
        Client(feed_settings).text(f"{mirror.url}/events/md5sums")
    assert mirror.requests["/events/md5sums"] == 3


def test_downloads_run_with_bounded_concurrency(
    mirror: Mirror, feed_settings: FeedSettings, tmp_path: Path
) -> None:
    from dataclasses import replace

    from accord.events.feeds.download import download_all

    remotes = []
    for k in range(6):
        data = zipped(f"f{k}.csv", "x" * 100)
        mirror.files[f"/f{k}.zip"] = data
        remotes.append(RemoteFile(f"f{k}.zip", f"{mirror.url}/f{k}.zip", len(data), md5(data)))
    mirror.delay = 0.2
    client = Client(replace(feed_settings, concurrency=2))
    done = list(download_all(client, remotes, tmp_path / "dl"))
    assert sorted(d.remote.name for d in done if d.path is not None) == [
        f"f{k}.zip" for k in range(6)
    ]
    assert mirror.most_active == 2


def test_a_checksum_error_deletes_the_part(mirror: Mirror, feed_settings: FeedSettings) -> None:
    mirror.files["/a.zip"] = b"abc"
    remote = RemoteFile("a.zip", f"{mirror.url}/a.zip", 3, md5(b"abd"))
    with pytest.raises(ChecksumError, match=r"a\.zip: refused, md5"):
        Client(feed_settings).download(remote, feed_settings.cache_dir)
    assert list(feed_settings.cache_dir.iterdir()) == []


def test_fetch_gdelt2_from_the_master_file_list(
    mirror: Mirror, feed_settings: FeedSettings, sample_rows: list[list[str]], tmp_path: Path
) -> None:
    from tests.feeds.mirror import as_gdelt2

    stamps = ["20240701000000", "20240701001500", "20240702000000"]
    for k, stamp in enumerate(stamps):
        rows = [as_gdelt2(r, stamp) for r in sample_rows[k * 100 : k * 100 + 100]]
        mirror.gdelt2(stamp, "\n".join("\t".join(r) for r in rows) + "\n")
    with Store(tmp_path / "s.duckdb") as store:
        report = fetch(
            store, "gdelt2", dt.date(2024, 7, 1), dt.date(2024, 7, 1), settings=feed_settings
        )
        datasets = store.con.execute("SELECT DISTINCT dataset FROM events").fetchall()
        stored = _events(store)
    assert [f.name for f in report.files] == [f"{s}.export.CSV.zip" for s in stamps[:2]]
    assert stored == sum(f.stored for f in report.files) > 150
    assert datasets == [("gdelt2",)]


def test_fetch_icews_from_dataverse(
    mirror: Mirror, feed_settings: FeedSettings, shared_data: Path, tmp_path: Path
) -> None:
    sample = shared_data / "icews" / "events.2018.sample.tab"
    data = zipped("events.2018.20190501.tab", sample.read_text(encoding="utf-8"))
    doi = feed_settings.icews_doi
    mirror.dataverse(doi, "events.2018.20190501120000.tab.zip", data)
    mirror.dataverse(doi, "events.2017.20190501120000.tab.zip", zipped("x.tab", "nothing"))
    mirror.dataverse(doi, "ICEWS Read Me.pdf", b"%PDF")
    with Store(tmp_path / "plain.duckdb") as plain:
        expected = ingest(plain, sample, format="icews").stored
    with Store(tmp_path / "s.duckdb") as store:
        report = fetch(
            store, "icews", dt.date(2018, 1, 1), dt.date(2018, 12, 31), settings=feed_settings
        )
        stored = _events(store)
    assert [(f.name, f.status) for f in report.files] == [
        ("events.2018.20190501120000.tab.zip", "ingested")
    ]
    assert stored == expected > 3000


def test_fetch_polecat_weekly_files(
    mirror: Mirror, feed_settings: FeedSettings, tmp_path: Path
) -> None:
    from tests.events.formats import SAMPLE, line_of

    body = "\n".join(line_of("plover", e) for e in SAMPLE) + "\n"
    doi = feed_settings.polecat_doi
    mirror.dataverse(doi, "polecat-2020-01-13.jsonl.zip", zipped("polecat-2020-01-13.jsonl", body))
    mirror.dataverse(doi, "polecat-2020-03-02.jsonl.zip", zipped("p.jsonl", body))
    with Store(tmp_path / "s.duckdb") as store:
        report = fetch(
            store, "polecat", dt.date(2020, 1, 15), dt.date(2020, 1, 31), settings=feed_settings
        )
        stored = _events(store)
    assert [f.name for f in report.files] == ["polecat-2020-01-13.jsonl.zip"]
    assert stored == len(SAMPLE)


def test_fetch_polecat_tab_separated_weekly_files(
    mirror: Mirror, feed_settings: FeedSettings, tmp_path: Path
) -> None:
    """The layout Dataverse publishes POLECAT in: zipped tab-separated text with a header."""
    from tests.events.formats import SAMPLE, header_lines, line_of

    body = "\n".join([*header_lines("polecat"), *(line_of("polecat", e) for e in SAMPLE)]) + "\n"
    doi = feed_settings.polecat_doi
    name = "ngec_coded_v1_2020-01-13.txt"
    mirror.dataverse(doi, f"{name}.zip", zipped(name, body))
    with Store(tmp_path / "s.duckdb") as store:
        report = fetch(
            store, "polecat", dt.date(2020, 1, 13), dt.date(2020, 1, 19), settings=feed_settings
        )
        stored = _events(store)
        formats = store.con.execute("SELECT DISTINCT format FROM ingest_log").fetchall()
    assert [(f.name, f.status) for f in report.files] == [(f"{name}.zip", "ingested")]
    assert stored == len(SAMPLE)
    assert formats == [("polecat",)]


@pytest.mark.parametrize(
    ("name", "weekly", "days"),
    [
        ("events.1995.20150313082510.tab.zip", False, (dt.date(1995, 1, 1), dt.date(1995, 12, 31))),
        ("polecat-2023-01-02.txt.zip", True, (dt.date(2023, 1, 2), dt.date(2023, 1, 8))),
        ("ngec_2023.05.29.tsv", True, (dt.date(2023, 5, 29), dt.date(2023, 6, 4))),
        ("codebook.pdf", False, None),
        ("polecat-2023-02-30.txt", True, None),
    ],
)
def test_dataverse_days_from_names(name: str, weekly: bool, days: object) -> None:
    assert dataverse.days_of(name, weekly) == days


def test_bad_ranges_and_sources(feed_settings: FeedSettings, tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        with pytest.raises(InputError, match="before it starts"):
            fetch(store, "gdelt1", dt.date(2020, 2, 1), dt.date(2020, 1, 1), settings=feed_settings)
        with pytest.raises(InputError, match="gdelt2 starts on 2015-02-18"):
            fetch(store, "gdelt2", dt.date(2014, 1, 1), dt.date(2014, 2, 1), settings=feed_settings)
        with pytest.raises(UnknownNameError, match="unknown feed source 'gdelt3'"):
            fetch(store, "gdelt3", dt.date(2020, 1, 1), dt.date(2020, 1, 2), settings=feed_settings)


def test_base_urls_come_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("ACCORD_GDELT1_URL", "http://mirror.test/g1/")
    monkeypatch.setenv("ACCORD_GDELT2_URL", "http://mirror.test/g2/")
    monkeypatch.setenv("ACCORD_DATAVERSE_URL", "http://mirror.test/dv")
    monkeypatch.delenv("ACCORD_FEEDS_CACHE", raising=False)
    settings = FeedSettings.from_env(tmp_path / "store.duckdb")
    assert (settings.gdelt1_url, settings.gdelt2_url, settings.dataverse_url) == (
        "http://mirror.test/g1/",
        "http://mirror.test/g2/",
        "http://mirror.test/dv",
    )
    assert settings.cache_dir == tmp_path / "accord-feeds"
