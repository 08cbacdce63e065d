"""Compile the default world's capabilities (src/accord/world/data/capabilities.csv).

The shipped file holds yearly series from 2000 to the latest published year for every state in
states.csv that the sources cover. This script turns fetched open-data files into that file,
deterministically (rows sorted by actor, indicator, year; values copied verbatim from the source
where they are not derived), each row with its own source text. The fetched files are not
committed; fetch them from these public repositories (a clone, or the files alone at the same
relative paths) and point the script at them:

1. World Bank, World Development Indicators (WDI), licence CC BY 4.0 (declared in every
   indicator's datapackage.json), as mirrored by the Datahub core data package
   `datasets/world-development-indicators` on GitHub, commit
   4ebec5a2273f531ba238a34dbe440394dc5a6c4b ("Automated data update", 2026-07-01), files
   `indicators/<code>/data.csv` (columns Country Name, Country Code, Year, Value) for
   sp.pop.totl, ny.gdp.mktp.cd, ny.gdp.pcap.pp.cd and ms.mil.xpnd.gd.zs. Pass the clone as
   `--wdi`.
2. WDI's MS.MIL.TOTL.P1 (armed forces personnel, from the IISS Military Balance), which the WDI
   mirror above does not carry, as compiled by Gapminder in `open-numbers/ddf--gapminder--
   systema_globalis` on GitHub (licence CC BY 4.0, README), commit
   c63631abeb62af6db3910f68be7c2b443beca50b (2026-03-01); the data file
   `countries-etc-datapoints/ddf--datapoints--armed_forces_personnel_total--by--geo--time.csv`
   was last changed by commit 7ce348e4d0ea3961ba7bad960a60e37b2843232c (2023-11-20) and ends in
   2020 (the last year the World Bank publishes); its lower-case geo codes are mapped to ISO3
   through `ddf--entities--geo--country.csv` (column iso3166_1_alpha3). Pass the clone as `--sg`.
   No open mirror with a later vintage of MS.MIL.TOTL.P1 could be found, so armed forces end in
   2020.
3. The Lowy Institute Global Diplomacy Index data download of its 2024 edition
   (`DataDownload.xlsx`: one sheet per data year, 2016, 2017, 2019, 2021 and 2023, one row per
   post abroad with its country, city, type and the network's overall rank), as committed to
   `ClaireLouiseR/COMP8880` on GitHub, commit 7ba3f78c909ab730fc4a27714273d375b68c08a3
   (2024-05-26). Lowy states no open licence; the counts are facts compiled with attribution.
   The workbook is read with the standard library (zipfile and ElementTree). Pass it as `--gdi`.

Indicators written (unit in brackets):

- population [persons]: SP.POP.TOTL, verbatim.
- gdp [current US$]: NY.GDP.MKTP.CD, verbatim.
- gdp_ppp [current international $]: derived, NY.GDP.PCAP.PP.CD x SP.POP.TOTL of the same year
  and vintage (the World Bank computes the per-capita series as NY.GDP.MKTP.PP.CD divided by
  SP.POP.TOTL, so the product gives back the total), rounded to the dollar.
- military_expenditure_gdp_share [% of GDP]: MS.MIL.XPND.GD.ZS (SIPRI via WDI), verbatim.
- military_expenditure [current US$]: derived (approximate), MS.MIL.XPND.GD.ZS / 100 x
  NY.GDP.MKTP.CD of the same year, rounded to four significant figures. SIPRI's own current-US$
  series (WDI MS.MIL.XPND.CD) was not in any mirror that could be fetched; SIPRI computes the
  share from IMF GDP, so the product can differ from SIPRI's US$ figure by a few per cent (more
  where exchange rates are contested). A hand-entered row for the same actor and year (for
  example a figure SIPRI published in its fact sheet) takes precedence.
- armed_forces [persons]: MS.MIL.TOTL.P1, verbatim (active duty military personnel including
  paramilitary forces, as the World Bank defines it; not the IISS "active" count, which the file
  keeps apart as the hand-entered `armed_forces_active`).
- diplomatic_missions [posts]: every post abroad that the Global Diplomacy Index counts for a
  network in a sheet's year (embassies and high commissions, consulates and consulates-general,
  permanent missions to organizations, other representations such as trade offices), counted
  from the rows; year = the sheet's year (the 2024 edition's data are the 2023 sheet).
- embassies [embassies]: the posts of type "Embassy / High Commission" among them.
- diplomacy_index_rank [rank]: Lowy's overall rank of the network among those of that year
  (1 = most posts).
  The European External Action Service is the EU's network (actor EU); Taiwan is TWN.

Rows of the current file that were not written by this script (their source lacks the marker
below: hand-entered rows such as the Lowy Asia Power Index scores or the IISS active forces)
are kept as they are. Aggregates (World, Euro area, income groups) and economies that are not in
states.csv (Aruba, Channel Islands, ...) are dropped. Kosovo is XKX in both sources; the World
Bank's "West Bank and Gaza" is PSE; Taiwan, the Holy See, Western Sahara, the Cook Islands and
Niue are not covered by the World Bank.

Usage (from the repository root):

    python scripts/compile_capabilities.py --wdi PATH/world-development-indicators \
        --sg PATH/ddf--gapminder--systema_globalis --gdi PATH/DataDownload.xlsx [--check]

`--check` compiles and exits 1 if the shipped file differs (nothing is written).
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "accord" / "world" / "data"
FIRST_YEAR = 2000
MARKER = "compiled by scripts/compile_capabilities.py"
HEADER = ["actor", "indicator", "value", "unit", "year", "source"]

WDI_COMMIT = "4ebec5a2273f531ba238a34dbe440394dc5a6c4b"
WDI_VINTAGE = (
    "WDI retrieved 2026-07-01 "
    f"(mirror github.com/datasets/world-development-indicators@{WDI_COMMIT[:7]})"
)
SG_DATA_COMMIT = "7ce348e4d0ea3961ba7bad960a60e37b2843232c"
SG_VINTAGE = (
    "WDI as compiled by Gapminder, Systema Globalis, 2023-11-20 "
    f"(github.com/open-numbers/ddf--gapminder--systema_globalis@{SG_DATA_COMMIT[:7]})"
)
GDI_COMMIT = "7ba3f78c909ab730fc4a27714273d375b68c08a3"
GDI_VINTAGE = (
    "Lowy Institute, Global Diplomacy Index, data download of the 2024 edition (DataDownload.xlsx, "
    "one row per post; sheets 2016, 2017, 2019, 2021 and 2023), as committed to "
    f"github.com/ClaireLouiseR/COMP8880@{GDI_COMMIT[:7]} (2024-05-26); no open licence stated, "
    "facts compiled with attribution; https://globaldiplomacyindex.lowyinstitute.org/"
)
#: Global Diplomacy Index names that are neither a name nor an alias in states.csv.
GDI_NAMES = {
    "Brunei Darussalam": "BRN",
    "Czech Republic": "CZE",
    "European External Action Service": "EU",
    "Korea Democratic People's Republic of (North Korea)": "PRK",
    "Korea Republic of (South Korea)": "KOR",
    "Lao People's Democratic Republic": "LAO",
    "Russian Federation": "RUS",
    "Slovak Republic": "SVK",
    "Taiwan*": "TWN",
    "Türkiye": "TUR",
}
WB_URL = "https://data.worldbank.org/indicator/"
LICENCE = "CC BY 4.0"

#: Gapminder geo codes with no ISO3 in its entity file that map to a state of ours.
SG_OVERRIDES = {"kos": "XKX"}

Series = dict[str, dict[int, str]]


def read_wdi(root: Path, code: str) -> Series:
    """{ISO3: {year: value text}} of one WDI indicator file of the Datahub mirror."""
    out: Series = {}
    path = root / "indicators" / code.lower() / "data.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            value = row["Value"].strip()
            if value:
                out.setdefault(row["Country Code"].strip(), {})[int(row["Year"])] = value
    return out


def read_sg(root: Path, concept: str) -> Series:
    """{ISO3: {year: value text}} of one Systema Globalis datapoints file."""
    iso: dict[str, str] = dict(SG_OVERRIDES)
    with (root / "ddf--entities--geo--country.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["iso3166_1_alpha3"].strip():
                iso[row["country"]] = row["iso3166_1_alpha3"].strip()
    out: Series = {}
    name = f"ddf--datapoints--{concept}--by--geo--time.csv"
    with (root / "countries-etc-datapoints" / name).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            value = row[concept].strip()
            code = iso.get(row["geo"])
            if value and code:
                out.setdefault(code, {})[int(row["time"])] = value
    return out


def _wdi_source(code: str, title: str) -> str:
    return (
        f"World Bank, World Development Indicators, {code} ({title}), {WDI_VINTAGE}, "
        f"{LICENCE}, {WB_URL}{code}; {MARKER}"
    )


def _round_sig(value: float, digits: int) -> int:
    """`value` rounded to `digits` significant figures, as a whole number."""
    return round(float(f"{value:.{digits}g}"))


def compile_rows(wdi: Path, sg: Path, states: set[str]) -> list[list[str]]:
    """The generated rows: [actor, indicator, value, unit, year, source]."""
    pop = read_wdi(wdi, "SP.POP.TOTL")
    gdp = read_wdi(wdi, "NY.GDP.MKTP.CD")
    ppp_pc = read_wdi(wdi, "NY.GDP.PCAP.PP.CD")
    mil_share = read_wdi(wdi, "MS.MIL.XPND.GD.ZS")
    forces = read_sg(sg, "armed_forces_personnel_total")
    rows: list[list[str]] = []

    def add(actor: str, indicator: str, value: str, unit: str, year: int, source: str) -> None:
        if actor in states and year >= FIRST_YEAR:
            rows.append([actor, indicator, value, unit, str(year), source])

    src_pop = _wdi_source("SP.POP.TOTL", "Population, total")
    src_gdp = _wdi_source("NY.GDP.MKTP.CD", "GDP, current US$")
    src_share = _wdi_source("MS.MIL.XPND.GD.ZS", "Military expenditure, % of GDP; SIPRI")
    for actor, years in pop.items():
        for year, value in years.items():
            add(actor, "population", value, "persons", year, src_pop)
    for actor, years in gdp.items():
        for year, value in years.items():
            add(actor, "gdp", value, "current US$", year, src_gdp)
    for actor, years in ppp_pc.items():
        for year, value in years.items():
            people = pop.get(actor, {}).get(year)
            if people is None:
                continue
            total = round(float(value) * float(people))
            source = (
                "Derived: World Bank, World Development Indicators, NY.GDP.PCAP.PP.CD "
                "(GDP per capita, PPP) x SP.POP.TOTL, i.e. NY.GDP.MKTP.PP.CD (GDP, PPP, current "
                f"international $) up to rounding, {WDI_VINTAGE}, {LICENCE}, "
                f"{WB_URL}NY.GDP.MKTP.PP.CD; {MARKER}"
            )
            add(actor, "gdp_ppp", str(total), "current international $", year, source)
    for actor, years in mil_share.items():
        for year, value in years.items():
            add(actor, "military_expenditure_gdp_share", value, "% of GDP", year, src_share)
            product = gdp.get(actor, {}).get(year)
            if product is None:
                continue
            spent = _round_sig(float(value) / 100 * float(product), 4)
            source = (
                "Derived (approximate): SIPRI military burden via World Bank WDI "
                "MS.MIL.XPND.GD.ZS x NY.GDP.MKTP.CD, 4 significant figures (SIPRI's own US$ "
                f"figure, WDI MS.MIL.XPND.CD, may differ by a few per cent), {WDI_VINTAGE}, "
                f"{LICENCE}, {WB_URL}MS.MIL.XPND.CD; {MARKER}"
            )
            add(actor, "military_expenditure", str(spent), "current US$", year, source)
    src_forces = (
        "World Bank, World Development Indicators, MS.MIL.TOTL.P1 (Armed forces personnel, "
        f"total; IISS), active duty incl. paramilitary, {SG_VINTAGE}, {LICENCE}, "
        f"{WB_URL}MS.MIL.TOTL.P1; {MARKER}"
    )
    for actor, years in forces.items():
        for year, value in years.items():
            add(actor, "armed_forces", value, "persons", year, src_forces)
    return rows


_XLSX = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _cell_column(ref: str) -> int:
    """Zero-based column of a cell reference such as 'K12'."""
    letters = re.match(r"[A-Z]+", ref)
    assert letters is not None, ref
    number = 0
    for char in letters.group(0):
        number = number * 26 + ord(char) - ord("A") + 1
    return number - 1


def _text(node: ElementTree.Element) -> str:
    """The text of a shared or inline string (its runs joined)."""
    return "".join(part.text or "" for part in node.iter(f"{_XLSX}t"))


def read_xlsx(path: Path) -> dict[str, list[list[str]]]:
    """{sheet name: rows of cell texts} of an .xlsx workbook, read with the standard library
    (shared and inline strings and plain values; no formulas are evaluated). The n-th sheet of
    the workbook is read from xl/worksheets/sheet<n>.xml, as Excel writes it."""
    with zipfile.ZipFile(path) as book:
        shared_root = ElementTree.fromstring(book.read("xl/sharedStrings.xml"))
        shared = [_text(item) for item in shared_root.iter(f"{_XLSX}si")]
        workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
        sheets: dict[str, list[list[str]]] = {}
        for number, sheet in enumerate(workbook.iter(f"{_XLSX}sheet"), start=1):
            root = ElementTree.fromstring(book.read(f"xl/worksheets/sheet{number}.xml"))
            rows = []
            for row in root.iter(f"{_XLSX}row"):
                cells: dict[int, str] = {}
                for cell in row.iter(f"{_XLSX}c"):
                    value = cell.find(f"{_XLSX}v")
                    if value is None:
                        cells[_cell_column(cell.get("r", "A"))] = _text(cell)
                        continue
                    raw = value.text or ""
                    text = shared[int(raw)] if cell.get("t") == "s" else raw
                    cells[_cell_column(cell.get("r", "A"))] = text
                if cells:
                    rows.append([cells.get(i, "") for i in range(max(cells) + 1)])
            sheets[sheet.get("name", str(number))] = rows
    return sheets


def _whole(text: str) -> str:
    """A spreadsheet number that is a whole number, without its '.0'."""
    return str(round(float(text)))


def compile_gdi(path: Path, codes: dict[str, str]) -> list[list[str]]:
    """Rows of the Lowy Global Diplomacy Index download: per country and sheet year, all posts
    (diplomatic_missions), embassies and high commissions (embassies) and Lowy's overall rank."""
    rows: list[list[str]] = []
    for sheet, table in read_xlsx(path).items():
        head = table[0]
        country, kind, rank = (head.index(n) for n in ("COUNTRY", "TYPE OF POST", "OVERALL RANK"))
        posts: dict[str, int] = {}
        embassies: dict[str, int] = {}
        ranks: dict[str, str] = {}
        for line in table[1:]:
            name = line[country].strip()
            if not name:
                continue
            actor = codes.get(name) or GDI_NAMES[name]
            posts[actor] = posts.get(actor, 0) + 1
            is_embassy = len(line) > kind and line[kind] == "Embassy / High Commission"
            embassies[actor] = embassies.get(actor, 0) + int(is_embassy)
            ranks[actor] = _whole(line[rank])
        where = f"sheet {sheet} ({len(posts)} networks ranked)"
        for actor in posts:
            rows.append(
                [
                    actor,
                    "diplomatic_missions",
                    str(posts[actor]),
                    "posts",
                    sheet,
                    f"{GDI_VINTAGE}, {where}: every post abroad (embassies and high "
                    "commissions, consulates, permanent missions to organizations and "
                    f"other representations such as trade offices); {MARKER}",
                ]
            )
            rows.append(
                [
                    actor,
                    "embassies",
                    str(embassies[actor]),
                    "embassies",
                    sheet,
                    f"{GDI_VINTAGE}, {where}: posts of type 'Embassy / High Commission' "
                    f"only; {MARKER}",
                ]
            )
            rows.append(
                [
                    actor,
                    "diplomacy_index_rank",
                    ranks[actor],
                    "rank",
                    sheet,
                    f"{GDI_VINTAGE}, {where}: Lowy's overall rank (1 = most posts; equal "
                    f"counts may share a rank); {MARKER}",
                ]
            )
    return rows


def merge(current: list[list[str]], generated: list[list[str]]) -> list[list[str]]:
    """Hand-entered rows of the current file, then generated rows for the gaps they leave."""
    kept = [row for row in current if MARKER not in row[5]]
    taken = {(row[0], row[1], row[4]) for row in kept}
    rows = kept + [row for row in generated if (row[0], row[1], row[4]) not in taken]
    return sorted(rows, key=lambda r: (r[0], r[1], int(r[4])))


def render(rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue()


def read_states(path: Path) -> tuple[set[str], dict[str, str]]:
    """The state codes of states.csv, and {name or alias: code}."""
    codes: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for name in [row["name"], *row["aliases"].split(";")]:
                if name.strip():
                    codes[name.strip()] = row["code"]
    return set(codes.values()), codes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--wdi", type=Path, required=True, help="datasets/world-development-indicators"
    )
    parser.add_argument("--sg", type=Path, required=True, help="ddf--gapminder--systema_globalis")
    parser.add_argument(
        "--gdi", type=Path, required=True, help="Lowy Global Diplomacy Index DataDownload.xlsx"
    )
    parser.add_argument("--data", type=Path, default=DATA, help="the world directory to update")
    parser.add_argument("--check", action="store_true", help="only report whether it is current")
    args = parser.parse_args(argv)
    states, codes = read_states(args.data / "states.csv")
    target = args.data / "capabilities.csv"
    with target.open(encoding="utf-8", newline="") as handle:
        current = [
            row
            for row in csv.reader(handle)
            if row and not row[0].startswith("#") and row != HEADER
        ]
    generated = compile_rows(args.wdi, args.sg, states) + compile_gdi(args.gdi, codes)
    text = render(merge(current, generated))
    if args.check:
        same = target.read_text(encoding="utf-8") == text
        print("capabilities.csv is current" if same else "capabilities.csv differs")
        return 0 if same else 1
    target.write_text(text, encoding="utf-8")
    print(f"wrote {text.count(chr(10)) - 1} rows to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
