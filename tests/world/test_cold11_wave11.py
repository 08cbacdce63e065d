"""Former states and the Cold War alliances (issue 14, "any date since 1945"): a state that no
longer exists is a member, party or ally of nothing from its end, no row of it may be dated
after its end, and the default world holds the German Democratic Republic, Czechoslovakia,
the SFR Yugoslavia and South Yemen, their UN seats and the Warsaw Pact, SEATO, CENTO and the
Sino-Soviet treaty."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from accord.world import (
    Alliance,
    AllianceMember,
    Membership,
    Obligation,
    Organization,
    OrgKind,
    Role,
    State,
    StateStatus,
    Treaty,
    TreatyKind,
    TreatyParty,
    World,
    default_world,
)
from accord.world.actors import Origin
from accord.world.reports import standing_on, world_summary
from accord.world.validation import FieldError

SRC = "test source"
DAY = dt.date


def _mini() -> World:
    """Two states, one of them former (ended 1990-10-03), in an organization, a treaty and an
    alliance whose rows run on past that end (open spells)."""
    return World(
        states=(
            State("AAA", "A", SRC),
            State(
                "DDR",
                "East",
                SRC,
                status=StateStatus.FORMER,
                start=DAY(1949, 10, 7),
                end=DAY(1990, 10, 3),
            ),
        ),
        organizations=(Organization("ORG", "Org", OrgKind.UNIVERSAL, SRC),),
        memberships=(
            Membership("ORG", "AAA", Role.MEMBER, DAY(1950, 1, 1), SRC),
            Membership("ORG", "DDR", Role.MEMBER, DAY(1973, 9, 18), SRC),
        ),
        treaties=(Treaty("T", "Treaty", TreatyKind.DEFENCE, SRC, in_force=DAY(1955, 6, 4)),),
        treaty_parties=(
            TreatyParty("T", "AAA", SRC, ratified=DAY(1955, 6, 4)),
            TreatyParty("T", "DDR", SRC, ratified=DAY(1956, 1, 1)),
        ),
        alliances=(Alliance("AL", "Al", Obligation.DEFENCE, SRC, treaty="T"),),
        alliance_members=(
            AllianceMember("AL", "AAA", DAY(1955, 6, 4), SRC),
            AllianceMember("AL", "DDR", DAY(1956, 1, 1), SRC),
        ),
    )


def test_a_former_state_needs_the_day_it_ended() -> None:
    with pytest.raises(FieldError) as caught:
        State("DDR", "East", SRC, status=StateStatus.FORMER)
    assert caught.value.field == "end"
    ddr = State("DDR", "East", SRC, status=StateStatus.FORMER, end=DAY(1990, 10, 3))
    assert ddr.former and ddr.exists_on(DAY(1990, 10, 2)) and not ddr.exists_on(DAY(1990, 10, 3))
    assert ddr.ended_by(DAY(1990, 10, 3)) and not ddr.ended_by(DAY(1990, 10, 2))


@pytest.mark.parametrize(("day", "there"), [(DAY(1990, 10, 2), True), (DAY(1990, 10, 3), False)])
def test_a_former_state_belongs_to_nothing_from_its_end(day: dt.date, there: bool) -> None:
    w = _mini()
    assert ("DDR" in {m.member for m in w.members("ORG", day)}) is there
    assert bool(w.memberships("DDR", day)) is there
    assert ("DDR" in {p.party for p in w.treaty_parties("T", day)}) is there
    assert ("DDR" in {s.party for s in w.treaty_status("T", day)}) is there
    assert bool(w.treaties_of("DDR", day)) is there
    assert ("DDR" in w.alliance_members("AL", day)) is there
    assert ("DDR" in {a.ally for a in w.allies("AAA", day)}) is there
    assert ("DDR" in {s.code for s in w.states_on(day)}) is there


def test_no_row_of_a_former_state_after_its_end() -> None:
    at = Origin("x.csv", 7)
    w = World(
        states=(State("DDR", "East", SRC, status=StateStatus.FORMER, end=DAY(1990, 10, 3)),),
        organizations=(Organization("ORG", "Org", OrgKind.UNIVERSAL, SRC),),
        memberships=(
            Membership("ORG", "DDR", Role.MEMBER, DAY(1973, 9, 18), SRC, origin=at),
            Membership("ORG", "DDR", Role.OBSERVER, DAY(1990, 10, 3), SRC, DAY(1991, 1, 1)),
        ),
        treaties=(Treaty("T", "Treaty", TreatyKind.DEFENCE, SRC),),
        treaty_parties=(
            TreatyParty("T", "DDR", SRC, signed=DAY(1990, 1, 1), ratified=DAY(1990, 10, 3)),
        ),
        alliances=(Alliance("AL", "Al", Obligation.DEFENCE, SRC, treaty="T"),),
        alliance_members=(
            AllianceMember("AL", "DDR", DAY(1956, 1, 1), SRC, left=DAY(1990, 10, 3)),
            AllianceMember("AL", "DDR", DAY(1950, 1, 1), SRC, left=DAY(1955, 1, 1)),
        ),
    )
    found = {(p.file, p.line, p.field) for p in w.problems()}
    assert ("x.csv", 7, "left") in found  # an open membership runs on past the end
    fields = sorted(p.field or "" for p in w.problems())
    # the observer spell begins on the end day and closes after it; the ratification falls
    # on the end day (a step must come before); the alliance spells close in time
    assert fields == ["joined", "left", "left", "ratified"]


@pytest.fixture(scope="module")
def world() -> World:
    from accord.world import default_world

    return default_world()


def test_the_un_had_138_members_on_1975_09_01(world: World) -> None:
    # United Nations, Yearbook 1974, roster at 31 Dec 1974: 138 Members; the next admissions
    # (Cape Verde, Mozambique, Sao Tome and Principe) came on 16 Sep 1975
    members = {m.member for m in world.members("UN", "1975-09-01")}
    assert len(members) == 138
    assert {"DDR", "CSK", "YUG", "YMD", "DEU", "YEM", "RUS"} <= members
    assert len(world.members("UN", "1945-10-24")) == 51  # the original Members


#: (state, admission day, last day of membership + 1) of the former states' UN seats
UN_SEATS = [
    ("CSK", "1945-10-24", "1993-01-01"),
    ("YUG", "1945-10-24", "1992-04-27"),
    ("YMD", "1967-12-14", "1990-05-22"),
    ("DDR", "1973-09-18", "1990-10-03"),
]


@pytest.mark.parametrize(("state", "joined", "left"), UN_SEATS)
def test_un_seats_of_former_states(world: World, state: str, joined: str, left: str) -> None:
    def member(day: dt.date) -> bool:
        return state in {m.member for m in world.members("UN", day)}

    start, end = dt.date.fromisoformat(joined), dt.date.fromisoformat(left)
    assert not member(start - dt.timedelta(days=1)) and member(start)
    assert member(end - dt.timedelta(days=1)) and not member(end)
    found = world.actor(state)
    assert isinstance(found, State) and found.former and found.end == end
    assert found.exists_on(end - dt.timedelta(days=1)) and not found.exists_on(end)


def test_successors_begin_where_former_states_end(world: World) -> None:
    def begins(code: str) -> dt.date | None:
        found = world.actor(code)
        assert isinstance(found, State)
        return found.start

    def ends(code: str) -> dt.date | None:
        found = world.actor(code)
        assert isinstance(found, State)
        return found.end

    assert ends("CSK") == begins("CZE") == begins("SVK")
    assert ends("YUG") == begins("SRB")
    # Yemen continues the Yemen Arab Republic: it exists alongside South Yemen before 1990
    assert {"YEM", "YMD"} <= {s.code for s in world.states_on("1975-09-01")}
    assert "YMD" not in {s.code for s in world.states_on("1990-05-22")}
    assert len(world.members("UN", "1990-05-21")) - len(world.members("UN", "1990-05-22")) == 1
    # the name Yugoslavia alone stays with SRB (event data of the 1990s)
    assert world.resolve("Yugoslavia") == "SRB"
    assert world.resolve("East Germany") == "DDR"
    assert world.resolve("Czechoslovakia") == "CSK"


def test_world_show_says_when_a_former_state_ended(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from accord.cli.main import app

    def show(day: str) -> str:
        argv = ["world", "show", "DDR", "--on", day, "--db", str(tmp_path / "a.duckdb")]
        done = CliRunner().invoke(app, argv, env={"COLUMNS": "200"})
        assert done.exit_code == 0, done.output
        return " ".join(done.output.split())

    then = show("1980-01-01")
    assert "Status: former state" in then and "it ended on 1990-10-03" in then
    assert "United Nations" in then
    assert "RUS" in then.split("Allies", 1)[1]  # a Warsaw Pact ally of the USSR then
    assert "DDR no longer existed on 1995-01-01: it ended on 1990-10-03." in show("1995-01-01")


def _allied(world: World, a: str, b: str, alliance: str, day: dt.date) -> bool:
    return any(x.ally == b and x.alliance == alliance for x in world.allies(a, day))


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


#: (alliance, state, ally, first day allied, first day no longer allied): each alliance's start,
#: accessions, withdrawals and end, checked on the day before and the day of each
COLD_WAR = [
    # Warsaw Pact: in force 1955-06-05; Albania out 1968-09-13; the GDR out with its end
    # 1990-10-03; dissolved 1991-07-01
    ("WARSAW-DEF", "POL", "RUS", "1955-06-05", "1991-07-01"),
    ("WARSAW-CON", "POL", "RUS", "1955-06-05", "1991-07-01"),
    ("WARSAW-DEF", "RUS", "ALB", "1955-06-05", "1968-09-13"),
    ("WARSAW-DEF", "RUS", "DDR", "1955-06-05", "1990-10-03"),
    ("WARSAW-DEF", "HUN", "CSK", "1955-06-05", "1991-07-01"),
    # SEATO: in force 1955-02-19; Pakistan out 1973-11-08; dissolved 1977-06-30
    ("SEATO-DEF", "USA", "THA", "1955-02-19", "1977-06-30"),
    ("SEATO-CON", "USA", "FRA", "1955-02-19", "1977-06-30"),
    ("SEATO-DEF", "USA", "PAK", "1955-02-19", "1973-11-08"),
    # Baghdad Pact / CENTO: signed 1955-02-24; the United Kingdom 1955-04-05, Pakistan
    # 1955-09-23, Iran 1955-11-03; Iraq out 1959-03-24, Iran 1979-03-11, Pakistan 1979-03-12;
    # terminated 1979-10-04
    ("CENTO-CON", "TUR", "IRQ", "1955-02-24", "1959-03-24"),
    ("CENTO-CON", "TUR", "GBR", "1955-04-05", "1979-10-04"),
    ("CENTO-CON", "TUR", "PAK", "1955-09-23", "1979-03-12"),
    ("CENTO-CON", "TUR", "IRN", "1955-11-03", "1979-03-11"),
    # the Sino-Soviet treaty: in force 1950-04-11, expired 1980-04-11
    ("CHN-RUS-DEF", "CHN", "RUS", "1950-04-11", "1980-04-11"),
    ("CHN-RUS-CON", "RUS", "CHN", "1950-04-11", "1980-04-11"),
]


@pytest.mark.parametrize(("alliance", "state", "ally", "first", "gone"), COLD_WAR)
def test_cold_war_alliances_day_before_and_day_of(
    world: World, alliance: str, state: str, ally: str, first: str, gone: str
) -> None:
    start, end = _day(first), _day(gone)
    before = start - dt.timedelta(days=1)
    assert not _allied(world, state, ally, alliance, before)
    assert _allied(world, state, ally, alliance, start)
    assert _allied(world, state, ally, alliance, end - dt.timedelta(days=1))
    assert not _allied(world, state, ally, alliance, end)


def test_polands_allies_in_1970_and_1992(world: World) -> None:
    then = {a.ally for a in world.allies("POL", "1970-01-01")}
    assert {"RUS", "DDR", "CSK", "HUN", "BGR", "ROU"} == then  # Albania had left in 1968
    pact = {"RUS", "DDR", "CSK", "HUN", "BGR", "ROU", "ALB"}
    assert not pact & {a.ally for a in world.allies("POL", "1992-01-01")}


def test_cold_war_treaties_and_organizations(world: World) -> None:
    assert len(world.members("WARSAW", "1960-01-01")) == 8
    assert len(world.members("WARSAW", "1970-01-01")) == 7
    assert len(world.members("WARSAW", "1991-06-30")) == 6
    assert world.members("WARSAW", "1991-07-01") == []
    assert len(world.members("SEATO", "1960-01-01")) == 8
    assert len(world.members("SEATO", "1975-01-01")) == 7
    assert len(world.members("CENTO", "1956-01-01")) == 5
    assert {m.member for m in world.members("CENTO", "1979-06-01")} == {"GBR", "TUR"}
    assert world.treaty_parties("WARSAW-1955", "1991-07-01") == []
    assert world.treaty_parties("CHN-RUS-1950", "1980-04-11") == []
    assert world.treaty_parties("BAGHDAD", "1979-10-04") == []
    # the Manila Pact was never terminated: the parties that did not denounce it stay bound
    manila = {p.party for p in world.treaty_parties("MANILA", "2024-01-01")}
    assert manila == {"AUS", "FRA", "GBR", "NZL", "PHL", "THA", "USA"}
    # the code WTO stays the trade organization
    assert world.actor("WTO").name != world.actor("WARSAW").name


@pytest.mark.parametrize(
    ("former", "successor", "handover"),
    [("CSK", "CZE", "1993-01-01"), ("CSK", "SVK", "1993-01-01"), ("YUG", "SRB", "1992-04-27")],
)
def test_npt_passes_from_a_former_state_to_its_successor(
    world: World, former: str, successor: str, handover: str
) -> None:
    def parties(day: dt.date) -> set[str]:
        return {p.party for p in world.treaty_parties("NPT", day)}

    day = _day(handover)
    before = day - dt.timedelta(days=1)
    assert former in parties(before) and successor not in parties(before)
    assert former not in parties(day) and successor in parties(day)
    assert former in parties(_day("1970-03-05")) and former not in parties(_day("1970-03-04"))


def test_summary_counts_states_by_their_standing_on_the_date() -> None:
    # The UN had 138 members on 1975-09-01 (UN, Growth in United Nations membership), the
    # Byelorussian and Ukrainian SSRs among them, states here only from 1991: counted with
    # their seats and named (the summary said 136). It once counted today's status: 150 "UN
    # members" in 1975, the GDR a "former state".
    world = default_world()
    data = world_summary(world, dt.date(1975, 9, 1))
    assert data.states_by_status["un_member"] == 138
    assert data.un_seats_before_statehood == ("BLR", "UKR")
    assert len(world.members("UN", "1975-09-01")) == 138
    un = {m.member for m in world.members("UN", "1975-09-01")}
    standing = {s.code: standing_on(world, s, dt.date(1975, 9, 1), un) for s in world.states}
    assert standing["DDR"] == "un_member" and standing["CSK"] == "un_member"
    assert standing["CHE"] == "not_un_member"  # a member from 2002-09-10
    assert standing["VAT"] == "un_observer"
    today = world_summary(world, dt.date(2025, 1, 1))
    assert today.states_by_status["un_member"] == 193
    assert "not_un_member" not in today.states_by_status
    assert "former_state" not in today.states_by_status
    assert today.un_seats_before_statehood == ()


def test_summary_counts_the_original_members_seated_before_independence() -> None:
    # 51 original members (UN, Growth in United Nations membership, 1945): India (independent
    # 1947-08-15) and the Philippines (1946-07-04) held their seats before independence
    first = world_summary(default_world(), dt.date(1946, 6, 1))
    assert first.states_by_status["un_member"] == 51
    assert first.un_seats_before_statehood == ("BLR", "IND", "PHL", "UKR")


#: Members of the UN at the end of each year, from the UN's "Growth in United Nations
#: membership" table (un.org, Member States). Ours is one lower from 1992-04-27 to
#: 2000-10-31: the UN kept a Yugoslav seat then; here the SFRY ends 1992-04-27 and its successor
#: SRB joins 2000-11-01 (states.csv, YUG).
UN_AT_YEAR_END = {
    1945: 51,
    1950: 60,
    1955: 76,
    1958: 82,  # Egypt and Syria: one seat (the United Arab Republic) from 1958-02-21
    1960: 99,
    1961: 104,  # Syria's separate seat again from 1961-10-13
    1965: 117,  # Indonesia out from 1965-01-20 ...
    1966: 122,  # ... back from 1966-09-28
    1970: 127,
    1975: 144,
    1980: 154,
    1985: 159,
    1990: 159,  # the two Yemens (1990-05-22) and the two Germanys (1990-10-03) one seat each
    1992: 179 - 1,
    1995: 185 - 1,
    2000: 189,
    2006: 192,
    2011: 193,
}


@pytest.mark.parametrize(("year", "members"), sorted(UN_AT_YEAR_END.items()))
def test_un_membership_matches_the_uns_own_yearly_counts(year: int, members: int) -> None:
    assert len(default_world().members("UN", f"{year}-12-31")) == members


def test_syria_shares_the_united_arab_republics_seat() -> None:
    world = default_world()
    assert world.is_member("SYR", "UN", "1958-02-20")
    assert not world.is_member("SYR", "UN", "1958-02-21")
    assert not world.is_member("SYR", "UN", "1961-10-12")
    assert world.is_member("SYR", "UN", "1961-10-13")
    assert world.is_member("EGY", "UN", "1960-01-01")
