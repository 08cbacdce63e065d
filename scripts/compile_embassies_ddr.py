"""Compile the `embassies_ddr` rows of src/accord/world/data/capabilities.csv.

Source: the Diplometrics Diplomatic Representation (DDR) dataset of the Frederick S. Pardee
Center for International Futures, University of Denver (J. D. Moyer, D. K. Bohl, S. Turner;
coded yearly from the Europa World Year Book; https://korbel.du.edu/pardee/content/
diplomatic-representation, Harvard Dataverse doi:10.7910/DVN/YM3UOO), release "1960-2020,
2021-12-15". The release itself (an .xlsx over the fetch limit) could not be fetched; its years
2000-2020 are read from the copy derived from it in `Leronen89/connections` on GitHub, commit
9178e3aee0253a2c2688f31d58160d54089c88d2 (2022-08-10), file
`dashboard_data/Diplomatic.parquet.gzip` (columns sending country, destination, year, level of
representation; one row per directed dyad and year; country names normalised with pycountry).
Neither states an open licence: the counts are facts compiled with attribution. Reading the
parquet file needs pyarrow (`pip install pyarrow`), which the project does not depend on.

Indicator written: `embassies_ddr` [embassies] = the number of rows of a sending state and year
whose level of representation is at least 0.375, i.e. missions headed by an ambassador, nuncio,
minister, envoy or chargé d'affaires, or by a head of unknown rank, whether DDR codes their
focus as single or multiple (in 2020: 9,096 rows at 1, 760 at 0.75, 12 at 0.5, 6 at 0.375). The
DDR index gives 0.125 to an interests section, 0.1 to interests served by a third state and 0
to a withdrawn, recalled or expelled mission (23 rows in 2020): those are not counted. Rows are
counted rather than distinct destinations because the copy's name normalisation merged two
destinations into one name (Niger into Nigeria, Kosovo into Serbia): both rows are genuine
missions.

Validation against the Lowy Global Diplomacy Index (its `embassies`: embassies and high
commissions, the same data years 2016, 2017 and 2019, 163 network-years): median absolute
relative difference 2.0 % (one embassy), 146 of the 163 within 5 %, 159 within 10 %, worst +20 %
(Bhutan, 6 against 5, in 2017 and 2019) and +17 % (DPRK 2019, 55 against 47); the largest gap
in embassies is 8. DDR does not count consulates or missions to international organizations:
Lowy's all-posts count (`diplomatic_missions`) is a median 30.5 % higher, so the rows keep their
own indicator name. `scripts/compare_missions_with_lowy.py` reproduces the figures from a CSV of
the counts, and tests/world/test_capabilities.py checks them on the shipped file.

Left out, because the copy's name normalisation corrupted them: Nigeria (its rows are Niger's
and Nigeria's together, and Niger has none of its own), Serbia from 2009 (Kosovo's missions are
counted as Serbia's: from 2009 on, Serbia's rows name some destinations twice, 94 rows for 71
destinations in 2020; 2007 and 2008 have none twice), Montserrat (a misnamed
network, not a state). "Serbia and Montenegro" (2000-2006) is Serbia, the continuing state.

Usage (from the repository root):

    python scripts/compile_embassies_ddr.py --ddr PATH/Diplomatic.parquet.gzip [--check]
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "accord" / "world" / "data"
INDICATOR = "embassies_ddr"
MARKER = "compiled by scripts/compile_embassies_ddr.py"
HEADER = ["actor", "indicator", "value", "unit", "year", "source"]
MIN_LEVEL = 0.375
COMMIT = "9178e3aee0253a2c2688f31d58160d54089c88d2"
SOURCE = (
    "Pardee Center for International Futures (University of Denver), Diplometrics Diplomatic "
    "Representation (DDR) 1960-2020, release 2021-12-15, coded from the Europa World Year Book, "
    "https://korbel.du.edu/pardee/content/diplomatic-representation (doi:10.7910/DVN/YM3UOO); "
    f"years 2000-2020 as copied in github.com/Leronen89/connections@{COMMIT[:7]} (2022-08-10); "
    "no open licence stated, facts compiled with attribution; missions headed by an ambassador, "
    "nuncio, minister, envoy, chargé d'affaires or a head of unknown rank (no consulates, no "
    "missions to organizations); agrees with Lowy's embassy counts within a median 2.0% "
    f"(worst 20%) for 2016-2019; {MARKER}"
)

#: DDR (pycountry) names that are neither a name nor an alias in states.csv.
DDR_NAMES = {
    "Bolivia, Plurinational State of": "BOL",
    "Brunei Darussalam": "BRN",
    "Congo-Brazzaville": "COG",
    "Congo-Kinshasa": "COD",
    "Côte d’Ivoire": "CIV",
    "Gambia, The": "GMB",
    "Holy See (Vatican)": "VAT",
    "Iran, Islamic Republic of": "IRN",
    "Korea, Democratic People's Republic of": "PRK",
    "Korea, Republic of": "KOR",
    "Lao People's Democratic Republic": "LAO",
    "Micronesia, Federated States of": "FSM",
    "Moldova, Republic of": "MDA",
    "Russian Federation": "RUS",
    "Serbia and Montenegro": "SRB",
    "Swaziland": "SWZ",
    "Syrian Arab Republic": "SYR",
    "Taiwan, Province of China": "TWN",
    "Tanzania, United Republic of": "TZA",
    "Venezuela, Bolivarian Republic of": "VEN",
    "Viet Nam": "VNM",
}
#: Senders left out: name -> first year left out (see the module docstring).
LEFT_OUT = {
    "Nigeria": 2000,
    "Serbia": 2009,
    "Montserrat": 2000,
    "Northern Cyprus, Turkish Republic of": 2000,
}

Dyad = tuple[str, str, int, float]  # sending country, destination, year, level


def read_ddr(path: Path) -> list[Dyad]:
    """The rows of the parquet copy (needs pyarrow)."""
    import pyarrow.parquet as pq  # not a project dependency

    table = pq.read_table(path).to_pydict()
    return list(
        zip(
            table["sending country"],
            table["destination"],
            table["year"],
            table["level of representation"],
            strict=True,
        )
    )


def count_embassies(rows: Iterable[Dyad], codes: dict[str, str]) -> dict[tuple[str, int], int]:
    """{(actor, year): missions at or above MIN_LEVEL}; unknown senders raise KeyError."""
    counts: dict[tuple[str, int], int] = {}
    for sender, _destination, year, level in rows:
        if sender in LEFT_OUT and year >= LEFT_OUT[sender]:
            continue
        actor = DDR_NAMES.get(sender) or codes[sender]
        key = (actor, int(year))
        counts.setdefault(key, 0)
        if level >= MIN_LEVEL:
            counts[key] += 1
    return counts


def compile_rows(counts: dict[tuple[str, int], int]) -> list[list[str]]:
    """[actor, indicator, value, unit, year, source] for every count above zero."""
    return [
        [actor, INDICATOR, str(n), "embassies", str(year), SOURCE]
        for (actor, year), n in sorted(counts.items())
        if n > 0
    ]


def merge(current: list[list[str]], generated: list[list[str]]) -> list[list[str]]:
    """The current rows without this script's, plus the generated ones, in the file's order."""
    kept = [row for row in current if row[1] != INDICATOR]
    return sorted([*kept, *generated], key=lambda r: (r[0], r[1], int(r[4])))


def render(rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue()


def read_codes(path: Path) -> dict[str, str]:
    """{name or alias: code} of states.csv."""
    codes: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for name in [row["name"], *row["aliases"].split(";")]:
                if name.strip():
                    codes[name.strip()] = row["code"]
    return codes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ddr", type=Path, required=True, help="Diplomatic.parquet.gzip")
    parser.add_argument("--data", type=Path, default=DATA, help="the world directory to update")
    parser.add_argument("--check", action="store_true", help="only report whether it is current")
    args = parser.parse_args(argv)
    target = args.data / "capabilities.csv"
    with target.open(encoding="utf-8", newline="") as handle:
        current = [row for row in csv.reader(handle) if row and row != HEADER]
    counts = count_embassies(read_ddr(args.ddr), read_codes(args.data / "states.csv"))
    text = render(merge(current, compile_rows(counts)))
    if args.check:
        same = target.read_text(encoding="utf-8") == text
        print("capabilities.csv is current" if same else "capabilities.csv differs")
        return 0 if same else 1
    target.write_text(text, encoding="utf-8")
    print(f"wrote {len(counts)} {INDICATOR} counts to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
