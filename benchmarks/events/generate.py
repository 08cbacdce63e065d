"""Synthetic GDELT 1.0 event files with realistic shapes, for the ingest benchmark and tests.

Distributions follow what GDELT 1.0 looks like: actor countries are heavy-tailed (a Zipf law
over ~120 CAMEO country codes, USA first, plus a few regional codes and many actors without a
country); about 40% of actors carry a type code (GOV, MIL, ...); event codes are drawn from the
CAMEO codebook with roots weighted as in GDELT (statements, consultations and appeals dominate,
force is rare); QuadClass and GoldsteinScale follow the code; mention/source/article counts are
geometric; tone is normal around -2. The first `backfile_share` of rows are historical backfile
rows (57 fields, dated 1979 - March 2013); the rest are daily-file rows (58 fields, with a URL).
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from accord.events.ontology import cameo_codes

_COUNTRY_WORDS = (
    "USA GBR RUS CHN FRA DEU ISR IRN IND PAK JPN AUS CAN TUR SYR IRQ AFG EGY UKR KOR PRK ITA "
    "ESP SAU NGA MEX BRA ZAF PSE LBN LBY IDN PHL MYS THA VNM KEN SOM SDN YEM QAT ARE JOR GRC "
    "POL NLD BEL CHE SWE NOR DNK FIN IRL PRT AUT HUN CZE ROU BGR SRB HRV BIH ALB GEO ARM AZE "
    "KAZ UZB KGZ TJK TKM MNG NPL BGD LKA MMR KHM LAO SGP NZL FJI ARG CHL COL PER VEN ECU BOL "
    "URY PRY CUB HTI DOM JAM GTM HND SLV NIC CRI PAN DZA MAR TUN MLI NER TCD CMR ETH ERI UGA "
    "RWA COD COG AGO ZWE ZMB MOZ TZA MDG GHA CIV SEN BLR LTU LVA EST MDA"
)
COUNTRIES = tuple(_COUNTRY_WORDS.split())
REGIONS = ("EUR", "AFR", "MEA", "WST", "ASA", "SAM")
TYPES = ("GOV", "MIL", "BUS", "CVL", "MED", "OPP", "REB", "JUD", "LEG", "POL", "EDU", "COP")
# Share of events per CAMEO root in GDELT 1.0 (approximate, from GDELT's published summaries).
ROOT_WEIGHTS = {
    "01": 0.19, "02": 0.07, "03": 0.08, "04": 0.20, "05": 0.07, "06": 0.03, "07": 0.02,
    "08": 0.03, "09": 0.02, "10": 0.02, "11": 0.06, "12": 0.03, "13": 0.02, "14": 0.03,
    "15": 0.01, "16": 0.02, "17": 0.05, "18": 0.03, "19": 0.05, "20": 0.01,
}  # fmt: skip
PLACES = {
    "USA": ("Washington, District of Columbia, United States", 38.895, -77.036),
    "GBR": ("London, London, City of, United Kingdom", 51.514, -0.093),
    "RUS": ("Moscow, Moskva, Russia", 55.752, 37.616),
    "CHN": ("Beijing, Beijing, China", 39.929, 116.388),
    "FRA": ("Paris, Ile-de-France, France", 48.867, 2.333),
    "DEU": ("Berlin, Berlin, Germany", 52.517, 13.4),
    "ISR": ("Jerusalem, Israel (general), Israel", 31.767, 35.233),
    "IRN": ("Tehran, Tehran, Iran", 35.75, 51.515),
    "IND": ("New Delhi, Delhi, India", 28.6, 77.2),
    "SYR": ("Damascus, Dimashq, Syria", 33.5, 36.3),
}


def _codes(rng: np.random.Generator, n: int) -> np.ndarray:
    book = cameo_codes()
    by_root: dict[str, list[str]] = {}
    for code in book:
        if len(code) >= 3:
            by_root.setdefault(code[:2], []).append(code)
    roots = np.array(list(ROOT_WEIGHTS))
    weights = np.array(list(ROOT_WEIGHTS.values()))
    picked_roots = rng.choice(roots, size=n, p=weights / weights.sum())
    out = np.empty(n, dtype=object)
    for root in roots:
        mask = picked_roots == root
        choices = by_root[str(root)]
        # the generic code of a root (e.g. 040) is the most frequent, as in GDELT
        p = np.full(len(choices), 1.0)
        p[0] = 3.0 * len(choices)
        out[mask] = rng.choice(choices, size=int(mask.sum()), p=p / p.sum())
    return out


def _countries(rng: np.random.Generator, n: int) -> np.ndarray:
    ranks = np.arange(1, len(COUNTRIES) + 1)
    p = 1.0 / ranks**1.1
    values = rng.choice(np.array(COUNTRIES), size=n, p=p / p.sum()).astype(object)
    blank = rng.random(n) < 0.30
    region = rng.random(n) < 0.02
    values[region] = rng.choice(np.array(REGIONS), size=int(region.sum()))
    values[blank] = ""
    return values


def _chunk(rng: np.random.Generator, first_id: int, n: int, backfile: bool) -> pd.DataFrame:
    book = cameo_codes()
    ids = np.arange(first_id, first_id + n)
    if backfile:
        start, end = np.datetime64("1979-01-01"), np.datetime64("2013-03-31")
    else:
        start, end = np.datetime64("2013-04-01"), np.datetime64("2016-12-31")
    span = int((end - start).astype(int))
    days = start + rng.integers(0, span + 1, size=n).astype("timedelta64[D]")
    ts = pd.DatetimeIndex(days)
    sqldate = ts.strftime("%Y%m%d")
    monthyear = ts.strftime("%Y%m")
    year = ts.year.astype(str)
    fraction = np.char.mod("%.4f", ts.year + (ts.day_of_year - 1) / 365.0)
    codes = _codes(rng, n)
    gold = np.array([book[c].goldstein for c in codes])
    quad = np.array([book[c].quad_class for c in codes])
    cols: dict[str, object] = {"id": ids, "sqldate": sqldate, "monthyear": monthyear}
    cols["year"] = year
    cols["fraction"] = fraction
    for side in ("1", "2"):
        country = _countries(rng, n)
        types = rng.choice(np.array(TYPES), size=n).astype(object)
        types[rng.random(n) < 0.6] = ""
        code = np.where(country == "", types, country + types)
        cols[f"a{side}code"] = code
        cols[f"a{side}name"] = np.where(code == "", "", "NAME " + code)
        cols[f"a{side}country"] = country
        for extra in ("known", "ethnic", "rel1", "rel2"):
            cols[f"a{side}{extra}"] = ""
        cols[f"a{side}type1"] = types
        cols[f"a{side}type2"] = ""
        cols[f"a{side}type3"] = ""
    cols["isroot"] = (rng.random(n) < 0.55).astype(int)
    cols["code"] = codes
    cols["base"] = [c[:3] for c in codes]
    cols["root"] = [c[:2] for c in codes]
    cols["quad"] = quad
    cols["goldstein"] = gold
    mentions = rng.geometric(0.3, size=n)
    cols["mentions"] = mentions
    cols["sources"] = np.minimum(mentions, rng.geometric(0.5, size=n))
    cols["articles"] = mentions
    cols["tone"] = np.round(rng.normal(-2.0, 3.5, size=n), 6)
    place_keys = rng.choice(np.array(list(PLACES)), size=n)
    names = np.array([PLACES[k][0] for k in place_keys], dtype=object)
    lats = np.array([PLACES[k][1] for k in place_keys])
    lons = np.array([PLACES[k][2] for k in place_keys])
    for geo in ("g1", "g2", "ga"):
        has = rng.random(n) < 0.8
        cols[f"{geo}type"] = np.where(has, 4, 0)
        cols[f"{geo}name"] = np.where(has, names, "")
        cols[f"{geo}cc"] = np.where(has, "XX", "")
        cols[f"{geo}adm1"] = np.where(has, "XX00", "")
        cols[f"{geo}lat"] = np.where(has, np.char.mod("%.4f", lats), "")
        cols[f"{geo}lon"] = np.where(has, np.char.mod("%.4f", lons), "")
        cols[f"{geo}fid"] = np.where(has, "-1", "")
    cols["dateadded"] = "20130401" if backfile else "20170101"
    if not backfile:
        cols["url"] = np.char.add("http://news.example.org/story/", ids.astype(str))
    return pd.DataFrame(cols)


def generate_gdelt1(
    path: str | Path, n_events: int, seed: int = 0, *, backfile_share: float = 0.1
) -> Path:
    """Write `n_events` synthetic GDELT 1.0 events (tab-separated, no header) to `path`."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    backfile_rows = int(n_events * backfile_share)
    chunk = 250_000
    with out.open("w", encoding="utf-8", newline="") as handle:
        written = 0
        while written < n_events:
            backfile = written < backfile_rows
            limit = backfile_rows if backfile else n_events
            size = min(chunk, limit - written)
            frame = _chunk(rng, 100_000_000 + written, size, backfile)
            frame.to_csv(
                handle, sep="\t", header=False, index=False, quoting=csv.QUOTE_NONE, na_rep=""
            )
            written += size
    return out


def synthetic_file(workdir: Path, n_events: int, seed: int = 0) -> Path:
    """The synthetic GDELT 1.0 file of `n_events` at `seed` that every events benchmark reads,
    `workdir/gdelt1-N-seedS.tsv`, written first when missing (under another name, renamed when
    complete, so an interrupted run never leaves a short file in its place)."""
    workdir.mkdir(parents=True, exist_ok=True)
    data = workdir / f"gdelt1-{n_events}-seed{seed}.tsv"
    if not data.exists():
        print(f"generating {n_events:,} synthetic GDELT 1.0 events -> {data}", file=sys.stderr)
        partial = data.with_suffix(".partial")
        generate_gdelt1(partial, n_events, seed)
        partial.rename(data)
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path")
    parser.add_argument("-n", "--events", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    generate_gdelt1(args.path, args.events, args.seed)


if __name__ == "__main__":
    main()
