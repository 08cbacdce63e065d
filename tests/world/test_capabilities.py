"""Capabilities of the default world: completeness for every UN member, values checked against
the source files, the latest-on-or-before rule, and a vintage in every source."""

from __future__ import annotations

import csv
import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

from accord.world.actors import State, StateStatus
from accord.world.default import DATA_DIR
from accord.world.model import World, WorldRecords
from accord.world.ties import Capability

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "compile_capabilities.py"

#: Core indicators every UN member must have for at least one year since 2020, and the
#: documented exceptions (actor -> reason). A missing value outside these lists fails.
GDP_EXCEPTIONS = {
    "ERI": "World Bank GDP series (NY.GDP.MKTP.CD) ends in 2011",
    "PRK": "no World Bank GDP estimate",
    "SSD": "World Bank GDP series ends in 2015",
    "YEM": "World Bank GDP series ends in 2018",
}
_NO_SIPRI = "no SIPRI military-burden series in WDI (small state, several without regular forces)"
MILITARY_EXCEPTIONS = {
    **dict.fromkeys(
        [
            *("AND", "ATG", "BHS", "BRB", "BTN", "COM", "CRI", "DMA", "FSM", "GRD", "ISL"),
            *("KIR", "KNA", "LCA", "LIE", "MCO", "MDV", "MHL", "NRU", "PLW", "SLB", "SMR"),
            *("STP", "SUR", "TON", "TUV", "VCT", "VUT", "WSM"),
        ],
        _NO_SIPRI,
    ),
    "PRK": "no SIPRI estimate",
    "PAN": "SIPRI series in WDI ends in 1999 (no army since 1990)",
    "TKM": "SIPRI series in WDI ends in 1999",
    "ERI": "SIPRI series in WDI ends in 2003",
    "DJI": "SIPRI series in WDI ends in 2008",
    "SYR": "SIPRI series in WDI ends in 2010",
    "LAO": "SIPRI series in WDI ends in 2013",
    "ARE": "SIPRI series in WDI ends in 2014",
    "YEM": "SIPRI series in WDI ends in 2014",
    "CUB": "SIPRI series in WDI ends in 2018",
    "UZB": "SIPRI series in WDI ends in 2018",
    "VNM": "SIPRI series in WDI ends in 2018",
    "SSD": "SIPRI burden exists but no World Bank GDP since 2015 to turn it into US$",
}
_NO_FORCES = "no WDI armed-forces series (MS.MIL.TOTL.P1): micro-state or no regular forces"
#: WDI's armed forces end in 2020 for every state (the last year the World Bank publishes).
ARMED_FORCES_EXCEPTIONS = {
    **dict.fromkeys(
        [
            *("AND", "COM", "DMA", "FSM", "GRD", "KIR", "KNA", "LCA", "LIE", "MCO", "MHL"),
            *("NRU", "PLW", "SLB", "SMR", "STP", "TON", "TUV", "VCT", "VUT", "WSM"),
        ],
        _NO_FORCES,
    ),
    "SWZ": "no WDI armed-forces series (MS.MIL.TOTL.P1) for Eswatini",
    "BTN": "WDI armed-forces series ends in 2000",
    "MDV": "WDI armed-forces series ends in 2000",
}
CORE = {
    "population": {},
    "gdp": GDP_EXCEPTIONS,
    "military_expenditure": MILITARY_EXCEPTIONS,
    "armed_forces": ARMED_FORCES_EXCEPTIONS,
}


def _un_members(world: World) -> list[str]:
    return [s.code for s in world.states if s.status is StateStatus.UN_MEMBER]


def _years(world: World, actor: str, indicator: str) -> set[int]:
    return {c.year for c in world.capabilities if c.actor == actor and c.indicator == indicator}


@pytest.mark.parametrize("indicator", sorted(CORE))
def test_every_un_member_has_each_core_capability_since_2020(world: World, indicator: str) -> None:
    members = _un_members(world)
    assert len(members) == 193
    missing = {c for c in members if not any(y >= 2020 for y in _years(world, c, indicator))}
    exceptions = CORE[indicator]
    assert missing <= set(exceptions), sorted(missing - set(exceptions))
    assert set(exceptions) <= set(members)


def test_documented_sipri_end_years_match_the_data(world: World) -> None:
    for actor, reason in MILITARY_EXCEPTIONS.items():
        found = re.search(r"ends in (\d{4})", reason)
        if not found or "SIPRI" not in reason:
            continue
        end = int(found.group(1))
        years = _years(world, actor, "military_expenditure_gdp_share")
        assert max(years, default=1999) == max(end, 1999), actor


def test_armed_forces_end_in_2020_and_documented_end_years_match(world: World) -> None:
    years = {c.year for c in world.capabilities if c.indicator == "armed_forces"}
    assert min(years) == 2000 and max(years) == 2020
    for actor in ("BTN", "MDV"):
        assert _years(world, actor, "armed_forces") == {2000}, actor
    assert _years(world, "SWZ", "armed_forces") == set()


def test_series_run_yearly_from_2000(world: World) -> None:
    years = _years(world, "FRA", "population")
    assert min(years) == 2000 and max(years) >= 2024
    assert years == set(range(2000, max(years) + 1))
    assert min(c.year for c in world.capabilities if "compile_capabilities" in c.source) == 2000


def test_observers_and_partially_recognised_states_where_data_exists(world: World) -> None:
    for code in ("PSE", "XKX"):
        assert max(_years(world, code, "population")) >= 2024, code
        assert max(_years(world, code, "gdp")) >= 2023, code
    assert _years(world, "TWN", "population")  # hand-entered: Taiwan's statistics office


def _value(world: World, actor: str, indicator: str, year: int) -> Capability:
    (found,) = [
        c
        for c in world.capabilities
        if c.actor == actor and c.indicator == indicator and c.year == year
    ]
    return found


@pytest.mark.parametrize(
    ("actor", "indicator", "year", "value"),
    [
        # values as they stand in the fetched source files (see scripts/compile_capabilities.py)
        ("DEU", "population", 2000, 82211508),
        ("DEU", "population", 2024, 83516593),
        ("IND", "population", 2025, 1463865525),
        ("XKX", "population", 2023, 1682668),
        ("PSE", "population", 2020, 4803269),
        ("USA", "gdp", 2024, 29298013000000),
        ("CHN", "gdp", 2025, 19498039388042.6),
        ("FRA", "military_expenditure_gdp_share", 2024, 2.05257687860637),
        ("IND", "armed_forces", 2020, 3068000),
        ("USA", "armed_forces", 2019, 1388000),
    ],
)
def test_values_match_the_source_files(
    world: World, actor: str, indicator: str, year: int, value: float
) -> None:
    assert _value(world, actor, indicator, year).value == value


def _of(world: World, indicator: str, year: int) -> list[Capability]:
    return [c for c in world.capabilities if c.indicator == indicator and c.year == year]


#: Networks the Lowy Global Diplomacy Index covers in each data year (its sheets).
GDI_NETWORKS = {2016: 42, 2017: 60, 2019: 61, 2021: 65, 2023: 66}


def test_diplomatic_networks_of_every_global_diplomacy_index_year(world: World) -> None:
    for indicator in ("diplomatic_missions", "embassies", "diplomacy_index_rank"):
        found = [c for c in world.capabilities if c.indicator == indicator]
        per_year = {y: sum(c.year == y for c in found) for y in GDI_NETWORKS}
        assert per_year == GDI_NETWORKS, indicator
        assert {c.year for c in found} == set(GDI_NETWORKS), indicator
    # more posts never rank lower (Lowy breaks some ties in the count, others share a rank)
    for year in GDI_NETWORKS:
        posts = {c.actor: c.value for c in _of(world, "diplomatic_missions", year)}
        ranks = {c.actor: c.value for c in _of(world, "diplomacy_index_rank", year)}
        by_rank = sorted(posts, key=lambda a: (ranks[a], -posts[a]))
        assert [posts[a] for a in by_rank] == sorted(posts.values(), reverse=True), year
        assert min(ranks.values()) == 1 and max(ranks.values()) <= GDI_NETWORKS[year]
    assert sum(1 for c in world.capabilities if c.indicator == "diplomatic_missions") == 294


@pytest.mark.parametrize(
    ("actor", "indicator", "year", "value"),
    [
        # counted from the Lowy data download (one row per post)
        ("USA", "diplomatic_missions", 2016, 271),
        ("CHN", "diplomatic_missions", 2019, 276),  # China passed the United States (273)
        ("USA", "diplomatic_missions", 2019, 273),
        ("ARG", "diplomatic_missions", 2023, 150),
        ("IND", "embassies", 2019, 123),  # 123 embassies and high commissions, 54 consulates
        ("IND", "diplomatic_missions", 2019, 186),
        ("EU", "diplomatic_missions", 2023, 143),  # the European External Action Service
        ("CHN", "diplomacy_index_rank", 2019, 1),
        ("FRA", "diplomacy_index_rank", 2023, 5),
        # Lowy Asia Power Index, comprehensive power (edition year)
        ("USA", "asia_power_index", 2018, 85.0),
        ("CHN", "asia_power_index", 2024, 72.7),
        ("IND", "asia_power_index", 2021, 37.7),
    ],
)
def test_diplomacy_and_power_index_values(
    world: World, actor: str, indicator: str, year: int, value: float
) -> None:
    assert _value(world, actor, indicator, year).value == value


def test_asia_power_index_editions(world: World) -> None:
    found = [c for c in world.capabilities if c.indicator == "asia_power_index"]
    assert {c.year for c in found} == {2018, 2019, 2020, 2021, 2023, 2024}  # no 2022 edition
    assert all(0 < c.value < 100 and c.unit == "score (0-100)" for c in found)
    for year in {c.year for c in found}:
        top = max((c for c in found if c.year == year), key=lambda c: c.value)
        assert top.actor == "USA", year
        assert all(f"Asia Power Index {year} edition" in c.source for c in found if c.year == year)


def test_active_forces_are_apart_from_wdi_armed_forces(world: World) -> None:
    # IISS active forces (hand-entered) and WDI's active + paramilitary series do not mix
    active = _value(world, "IND", "armed_forces_active", 2024)
    assert active.value == 1475750 and active.source.startswith("IISS")
    assert _value(world, "IND", "armed_forces", 2020).value == 3068000
    assert not [c for c in world.capabilities if c.indicator == "military_personnel"]


def test_derived_values_follow_their_formula(world: World) -> None:
    # GDP PPP = GDP per capita PPP x population (WDI file values for France, 2024)
    ppp = _value(world, "FRA", "gdp_ppp", 2024)
    assert ppp.value == round(62556.91810454 * _value(world, "FRA", "population", 2024).value)
    assert ppp.source.startswith("Derived")
    # military expenditure = burden x GDP, four significant figures
    spent = _value(world, "IND", "military_expenditure", 2021)
    share = _value(world, "IND", "military_expenditure_gdp_share", 2021).value
    gdp = _value(world, "IND", "gdp", 2021).value
    assert spent.value == round(float(f"{share / 100 * gdp:.4g}"))
    assert spent.source.startswith("Derived (approximate)")


def test_hand_entered_sipri_figures_take_precedence(world: World) -> None:
    usa = _value(world, "USA", "military_expenditure", 2024)
    assert usa.value == 997e9 and usa.source.startswith("SIPRI")
    assert _value(world, "USA", "military_expenditure", 2022).source.startswith("Derived")


def test_queries_pick_the_latest_value_on_or_before_the_date(world: World) -> None:
    def pop(on: str) -> Capability:
        (found,) = world.capabilities_of("USA", "population", on)
        return found

    assert pop("2019-06-30").year == 2019
    assert pop("2024-01-01").year == 2024
    assert pop("2024-01-01").value == 340003797
    assert world.capabilities_of("USA", "population", "1999-12-31") == []
    latest = max(_years(world, "USA", "population"))
    assert pop("2099-01-01").year == latest
    # armed forces end in 2020: a later date answers 2020, the latest on or before it
    (forces,) = world.capabilities_of("USA", "armed_forces", "2025-01-01")
    assert forces.year == 2020
    # the diplomatic networks are counted every year or two: the latest sheet answers
    (posts,) = world.capabilities_of("USA", "diplomatic_missions", "2025-06-30")
    assert (posts.year, posts.value) == (2023, 271)
    (posts,) = world.capabilities_of("USA", "diplomatic_missions", "2018-12-31")
    assert (posts.year, posts.value) == (2017, 274)
    assert world.capabilities_of("USA", "diplomatic_missions", "2015-12-31") == []
    # every indicator at once
    on_2010 = {c.indicator: c.year for c in world.capabilities_of("DEU", on="2010-05-01")}
    assert on_2010["population"] == on_2010["gdp"] == on_2010["armed_forces"] == 2010


def test_latest_on_or_before_with_gaps() -> None:
    src = "test source, 2024"
    records = WorldRecords(
        states=(State(code="AAA", name="A", status=StateStatus.UN_MEMBER, source=src),),
        capabilities=tuple(
            Capability("AAA", "gdp", float(y), "current US$", y, src) for y in (2018, 2021)
        ),
    )
    w = World(records)
    assert [c.year for c in w.capabilities_of("AAA", "gdp", "2020-12-31")] == [2018]
    assert [c.year for c in w.capabilities_of("AAA", "gdp", "2021-01-01")] == [2021]
    assert w.capabilities_of("AAA", "gdp", "2017-12-31") == []


_YEAR = re.compile(r"\b(19[89]\d|20[0-3]\d)\b")


def test_every_row_has_a_source_naming_its_vintage(world: World) -> None:
    for c in world.capabilities:
        assert c.source.strip(), (c.actor, c.indicator, c.year)
        assert _YEAR.search(c.source), (c.actor, c.indicator, c.year, c.source)
        if "compile_capabilities" not in c.source:
            continue
        if c.source.startswith("Lowy Institute, Global Diplomacy Index"):
            assert f"sheet {c.year} (" in c.source and "COMP8880@7ba3f78" in c.source
            continue
        assert "CC BY 4.0" in c.source
        assert "WDI retrieved 2026-07-01" in c.source or "2023-11-20" in c.source
        assert "https://data.worldbank.org/indicator/" in c.source


def _load(path: Path) -> ModuleType:
    """A script of `scripts/` as a module (the folder is not a package)."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _script() -> ModuleType:
    return _load(SCRIPT)


def test_shipped_file_is_what_the_compile_script_writes() -> None:
    script = _script()
    text = (DATA_DIR / "capabilities.csv").read_text(encoding="utf-8")
    rows = [r for r in csv.reader(text.splitlines()) if r != script.HEADER]
    generated = [r for r in rows if script.MARKER in r[5]]
    # merging the generated rows into the file again changes nothing (sorted, hand rows kept)
    assert script.render(script.merge(rows, generated)) == text
    # a hand-entered row wins over a generated one for the same actor, indicator and year
    hand = ["USA", "gdp", "1", "current US$", "2024", "hand-entered, 2026"]
    merged = script.merge([*rows, hand], generated)
    assert [r for r in merged if r[:2] == ["USA", "gdp"] and r[4] == "2024"] == [hand]


# --- Diplomatic missions abroad: Lowy (all posts, 66 networks) and DDR (embassies, all states) ---

#: The core "diplomatic missions abroad" is met by either count since 2020: Lowy's posts
#: (`diplomatic_missions`) or the Pardee Center's embassies (`embassies_ddr`, 2000-2020).
MISSIONS_INDICATORS = ("diplomatic_missions", "embassies_ddr")
_DDR_COPY = "the only fetchable DDR copy merged its networks by name"
MISSIONS_EXCEPTIONS = {
    "NER": f"not in Lowy's index; {_DDR_COPY}: Niger's missions are counted under Nigeria",
    "NGA": f"not in Lowy's index; {_DDR_COPY}: Nigeria's count includes Niger's missions",
    "SRB": f"not in Lowy's index; {_DDR_COPY}: Kosovo's missions under Serbia's since 2009",
}


def test_every_un_member_has_diplomatic_missions_since_2020_or_a_documented_exception(
    world: World,
) -> None:
    members = _un_members(world)
    missing = {
        c
        for c in members
        if not any(y >= 2020 for i in MISSIONS_INDICATORS for y in _years(world, c, i))
    }
    assert missing <= set(MISSIONS_EXCEPTIONS), sorted(missing - set(MISSIONS_EXCEPTIONS))
    assert set(MISSIONS_EXCEPTIONS) <= set(members)
    # the documented reasons hold: no Lowy count, and no DDR count where the copy is corrupt
    for actor in MISSIONS_EXCEPTIONS:
        assert not _years(world, actor, "diplomatic_missions"), actor
    assert not _years(world, "NER", "embassies_ddr") | _years(world, "NGA", "embassies_ddr")
    assert max(_years(world, "SRB", "embassies_ddr")) == 2008


DDR_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "compile_embassies_ddr.py"


def _ddr() -> ModuleType:
    return _load(DDR_SCRIPT)


def test_ddr_embassies_run_yearly_2000_to_2020_with_their_source(world: World) -> None:
    found = [c for c in world.capabilities if c.indicator == "embassies_ddr"]
    assert len(found) == 4009
    assert {c.year for c in found} == set(range(2000, 2021))
    assert all(c.unit == "embassies" and c.value >= 1 for c in found)
    assert all("Diplomatic Representation (DDR)" in c.source for c in found)
    assert all("Leronen89/connections@9178e3a" in c.source for c in found)
    assert all("compiled by scripts/compile_embassies_ddr.py" in c.source for c in found)
    # 190 UN members (all but Niger, Nigeria and Serbia), Cook Islands, Niue, Taiwan, Holy See
    assert len({c.actor for c in found if c.year == 2020}) == 194


@pytest.mark.parametrize(
    ("actor", "year", "value"),
    [
        # rows of the DDR copy at level of representation >= 0.375, counted per sender
        ("USA", 2020, 171),
        ("CHN", 2020, 173),
        ("FRA", 2000, 154),
        ("KEN", 2020, 48),
        ("TUV", 2020, 5),
        ("SRB", 2000, 75),  # DDR's "Serbia and Montenegro", Serbia being the continuing state
    ],
)
def test_ddr_embassy_counts(world: World, actor: str, year: int, value: int) -> None:
    assert _value(world, actor, "embassies_ddr", year).value == value


def test_ddr_embassies_agree_with_lowy_embassies_not_with_all_posts(
    world: World, compare: ModuleType
) -> None:
    ddr = {(c.actor, c.year): c.value for c in world.capabilities if c.indicator == "embassies_ddr"}
    path = DATA_DIR / "capabilities.csv"
    embassies = compare.relative_differences(ddr, compare.read_lowy(path, "embassies"))
    posts = compare.relative_differences(ddr, compare.read_lowy(path, "diplomatic_missions"))
    assert len(embassies) == len(posts) == 163  # 2016, 2017 and 2019
    assert compare.passes(embassies, 0.025, 0.20)  # as documented: median 2.0%, worst 20%
    assert not compare.passes(posts, 0.10, 0.25)  # consulates and the rest are not counted
    assert sorted(posts.values())[len(posts) // 2] < -0.25


def test_ddr_counting_rules() -> None:
    ddr = _ddr()
    codes = {"Kenya": "KEN", "Serbia": "SRB"}
    rows = [
        ("Kenya", "Ghana", 2020, 1.0),
        ("Kenya", "Nigeria", 2020, 1.0),  # Niger and Nigeria share a name in the copy: two rows
        ("Kenya", "Nigeria", 2020, 1.0),
        ("Kenya", "Cuba", 2020, 0.75),  # chargé d'affaires
        ("Kenya", "Iran", 2020, 0.125),  # interests section: not counted
        ("Kenya", "Libya", 2020, 0.0),  # withdrawn: not counted
        ("Serbia and Montenegro", "Italy", 2003, 1.0),
        ("Serbia", "Italy", 2008, 1.0),
        ("Serbia", "Italy", 2009, 1.0),  # Kosovo's missions merged in: left out
        ("Nigeria", "Ghana", 2020, 1.0),  # left out
    ]
    counts = ddr.count_embassies(rows, codes)
    assert counts == {("KEN", 2020): 4, ("SRB", 2003): 1, ("SRB", 2008): 1}
    with pytest.raises(KeyError):
        ddr.count_embassies([("Atlantis", "Ghana", 2020, 1.0)], codes)
    generated = ddr.compile_rows({**counts, ("KEN", 2019): 0})
    assert generated[0][:5] == ["KEN", "embassies_ddr", "4", "embassies", "2020"]
    assert len(generated) == 3


def test_shipped_file_is_what_the_ddr_script_writes() -> None:
    ddr = _ddr()
    text = (DATA_DIR / "capabilities.csv").read_text(encoding="utf-8")
    rows = [r for r in csv.reader(text.splitlines()) if r != ddr.HEADER]
    generated = [r for r in rows if r[1] == ddr.INDICATOR]
    assert all(r[5] == ddr.SOURCE for r in generated)
    assert ddr.render(ddr.merge(rows, generated)) == text


COMPARE = Path(__file__).resolve().parents[2] / "scripts" / "compare_missions_with_lowy.py"


@pytest.fixture(scope="module")
def compare() -> ModuleType:
    return _load(COMPARE)


def test_validation_script_measures_agreement_with_lowy(compare: ModuleType) -> None:
    reference = {("AAA", 2023): 100.0, ("BBB", 2023): 50.0, ("CCC", 2021): 80.0}
    candidate = {("AAA", 2023): 90.0, ("BBB", 2023): 50.0, ("CCC", 2021): 100.0, ("DDD", 2023): 9}
    diffs = compare.relative_differences(candidate, reference)
    assert diffs == {("AAA", 2023): -0.1, ("BBB", 2023): 0.0, ("CCC", 2021): 0.25}
    assert compare.passes(diffs, 0.10, 0.25)
    assert not compare.passes(diffs, 0.10, 0.20)
    assert not compare.passes({}, 0.10, 0.25)
    text = compare.summarise(diffs)
    assert "pairs compared: 3" in text and "median |relative difference|: 10.0%" in text
    assert text.splitlines()[-1].startswith("worst: CCC 2021 +25.0%")


def test_validation_script_on_the_shipped_file(compare: ModuleType, tmp_path: Path) -> None:
    # Lowy's own embassy counts agree with themselves; all posts against embassies do not
    text = (DATA_DIR / "capabilities.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    candidate = tmp_path / "candidate.csv"
    with candidate.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["actor", "year", "value"])
        writer.writerows(
            [r["actor"], r["year"], r["value"]] for r in rows if r["indicator"] == "embassies"
        )
    assert compare.main([str(candidate), "--indicator", "embassies"]) == 0
    assert compare.main([str(candidate), "--indicator", "diplomatic_missions"]) == 1
