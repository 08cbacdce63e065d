"""Lists recorded in part: an organization's memberships or a treaty's participation whose
`coverage` is `partial`, and `missing`, the participants such a list is known to lack. A state
a partial list may lack is "not recorded" there, never "not a member" or "not a party"."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from accord.errors import InputError
from accord.store import Store
from accord.world import (
    Organization,
    World,
    default_world,
    load_world,
    read_world_dir,
    save_world,
    write_world_dir,
)
from accord.world.coverage import Coverage
from accord.world.dates import parse_day
from accord.world.reports import (
    actor_profile,
    missing_on,
    organizations_on,
    unrecorded_lists,
    world_summary,
)


def _world_dir(mini_world_dir: Path, tmp_path: Path, orgs: str, treaties: str) -> Path:
    """The mini world with these organizations.csv and treaties.csv rows (after the header)."""
    root = tmp_path / "world"
    shutil.copytree(mini_world_dir, root)
    (root / "organizations.csv").write_text(
        "code,name,kind,founded,dissolved,source,coverage,missing\n" + orgs, encoding="utf-8"
    )
    (root / "treaties.csv").write_text(
        "code,name,kind,signed,in_force,source,coverage,missing\n" + treaties, encoding="utf-8"
    )
    return root


NATO_PARTIAL = "NATO,North Atlantic Treaty Organization,security,1949-08-24,,src,partial,\n"
EU = "EU,European Union,regional,1993-11-01,,src,,\n"
NAT = "NAT,North Atlantic Treaty,defence,1949-04-04,1949-08-24,src,,\n"


def _org(world: World, code: str) -> Organization:
    (found,) = [o for o in world.organizations if o.code == code]
    return found


def test_a_partial_list_that_names_whom_it_lacks_flags_only_those(
    mini_world_dir: Path, tmp_path: Path
) -> None:
    # Mini world: NATO rows for USA, DEU, FIN, SWE; Paris rows for USA, DEU, RUS. Paris is
    # declared to lack Finland and Sweden; NATO is partial without saying whom it lacks.
    paris = "PARIS,Paris Agreement,climate,2016-04-22,2016-11-04,src,partial,FIN;SWE\n"
    world = read_world_dir(_world_dir(mini_world_dir, tmp_path, NATO_PARTIAL + EU, paris + NAT))
    assert world.treaty("PARIS").missing == ("FIN", "SWE")
    assert _org(world, "NATO").coverage is Coverage.PARTIAL and _org(world, "NATO").missing == ()
    assert unrecorded_lists(world, "RUS") == ("NATO",)  # on Paris's rows; no NATO row
    assert unrecorded_lists(world, "SWE") == ("PARIS",)  # named by NATO; Paris lacks it
    assert unrecorded_lists(world, "FIN") == ("PARIS",)
    assert unrecorded_lists(world, "USA") == ()
    on = parse_day("2020-01-01")
    assert [(o.code, o.coverage) for o in organizations_on(world, on)] == [
        ("EU", "complete"),
        ("NATO", "partial"),
    ]
    summary = world_summary(world, on)
    assert [(t.code, t.coverage) for t in summary.treaties] == [("PARIS", "partial")]
    assert actor_profile(world, "RUS", on).unrecorded == ("NATO",)


@pytest.mark.parametrize(
    ("orgs", "treaties", "file", "line", "message"),
    [
        (
            EU,
            "PARIS,Paris Agreement,climate,,,src,partial,XYZ\n",
            "treaties.csv",
            2,
            "unknown actor XYZ",
        ),
        # USA has Paris rows: it is recorded, not missing
        (
            EU,
            "PARIS,Paris Agreement,climate,,,src,partial,USA\n",
            "treaties.csv",
            2,
            "USA has a row in PARIS",
        ),
        (
            EU,
            "PARIS,Paris Agreement,climate,,,src,,FIN\n",
            "treaties.csv",
            2,
            "coverage is complete",
        ),
        (
            EU,
            "PARIS,Paris Agreement,climate,,,src,partial,FIN;FIN\n",
            "treaties.csv",
            2,
            "listed twice",
        ),
        (
            "EU,European Union,regional,1993-11-01,,src,complete,FIN\n",
            "PARIS,Paris Agreement,climate,,,src,,\n",
            "organizations.csv",
            3,
            "coverage is complete",
        ),
    ],
)
def test_bad_missing_lists_name_file_line_and_field(
    mini_world_dir: Path,
    tmp_path: Path,
    orgs: str,
    treaties: str,
    file: str,
    line: int,
    message: str,
) -> None:
    nato = NATO_PARTIAL.replace(",partial,", ",,")
    root = _world_dir(mini_world_dir, tmp_path, nato + orgs, treaties + NAT)
    with pytest.raises(InputError) as caught:
        read_world_dir(root)
    (problem,) = caught.value.problems
    assert (Path(problem.file or "").name, problem.line, problem.field) == (file, line, "missing")
    assert message in problem.message


def test_coverage_and_missing_survive_the_store_and_an_export(
    mini_world_dir: Path, tmp_path: Path, db_path: Path
) -> None:
    paris = "PARIS,Paris Agreement,climate,2016-04-22,2016-11-04,src,partial,FIN;SWE\n"
    world = read_world_dir(_world_dir(mini_world_dir, tmp_path, NATO_PARTIAL + EU, paris + NAT))
    with Store(db_path) as store:
        save_world(store, world)
        stored = load_world(store)
    assert stored == world
    assert stored is not None and _org(stored, "NATO").coverage is Coverage.PARTIAL
    again = read_world_dir(write_world_dir(world, tmp_path / "exported"))
    assert again == world and again.treaty("PARIS").missing == ("FIN", "SWE")


def test_world_files_without_the_columns_read_as_complete(mini_world_dir: Path) -> None:
    # the mini world's files predate `coverage` on organizations and `missing` on both
    world = read_world_dir(mini_world_dir)
    assert {o.coverage for o in world.organizations} == {Coverage.COMPLETE}
    assert all(not t.missing for t in world.treaties)
    assert unrecorded_lists(world, "RUS") == ()


def test_the_default_world_names_whom_its_partial_lists_lack() -> None:
    world = default_world()
    # IMF: 191 members (the 193 UN members less Cuba, the DPRK and Monaco, plus Kosovo), all
    # recorded; it lacks former members (Cuba, Democratic Yemen)
    imf = _org(world, "IMF")
    recorded = {m.member for m in world.members("IMF", "2025-01-01")}
    assert len(recorded) == 191
    assert imf.missing == ("CUB", "YMD")
    # IBRD: 189 (less Andorra, Cuba, Liechtenstein, Monaco and the DPRK, plus Kosovo), all
    # recorded; it lacks a former member (Cuba)
    ibrd = _org(world, "WORLDBANK")
    assert len({m.member for m in world.members("WORLDBANK", "2025-01-01")}) == 189
    assert ibrd.missing == ("CUB",)
    # Geneva: 196 parties (the UN members, the Holy See, Palestine, the Cook Islands)
    geneva = world.treaty("GENEVA")
    assert len(world.treaty_parties("GENEVA", "2025-01-01")) + len(geneva.missing) == 196
    assert world.treaty("OPENSKIES").missing == ("SWE",)
    assert world.treaty("BWC").missing == ()
    # a state missing from a list that names whom it lacks is "not recorded" there; a state
    # no such list names is not (Brazil is not an Open Skies party: a plain answer)
    assert "OPENSKIES" in unrecorded_lists(world, "SWE")
    assert "GENEVA" in unrecorded_lists(world, "SSD")
    assert "WORLDBANK" not in unrecorded_lists(world, "SWE")  # recorded since 1951
    assert "IMF" in unrecorded_lists(world, "CUB")
    assert "OPENSKIES" not in unrecorded_lists(world, "BRA")
    assert "IMF" not in unrecorded_lists(world, "PRK")


def test_lists_begun_after_the_date_or_after_the_state_are_not_named() -> None:
    # the GDR's profile in 1980 named the AIIB (founded 2015) and BBNJ (2023) as lists that
    # "may omit" it: neither existed then, nor while the GDR did
    world = default_world()
    gdr = unrecorded_lists(world, "DDR", parse_day("1980-01-01"))
    assert "AIIB" not in gdr and "BBNJ" not in gdr
    assert "G77" in gdr  # a partial list of 1964 without dates
    assert "BBNJ" not in unrecorded_lists(world, "DDR")  # BBNJ began after the GDR's end
    assert "BBNJ" not in unrecorded_lists(world, "RUS", parse_day("2020-01-01"))
    assert "BBNJ" in unrecorded_lists(world, "RUS", parse_day("2024-01-01"))
    assert "BBNJ" in unrecorded_lists(world, "RUS")  # any date


def test_a_partial_lists_missing_states_are_named_only_on_days_they_existed() -> None:
    # the IMF list lacks Cuba's spell (1946-1964) and a former state's (Democratic Yemen, to 1990)
    world = default_world()
    imf = _org(world, "IMF")
    assert missing_on(world, imf.missing, dt.date(1980, 1, 1)) == ("CUB", "YMD")
    assert missing_on(world, imf.missing, dt.date(1991, 1, 1)) == ("CUB",)
    assert missing_on(world, imf.missing, dt.date(2024, 6, 1)) == ("CUB",)
    assert missing_on(world, ("ZZZ",), dt.date(2024, 6, 1)) == ("ZZZ",)  # not an actor: kept
