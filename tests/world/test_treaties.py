"""Treaty status as it is (issue 14): dated facts of the shipped treaties, the integrity of
every participation record, and the cases the coarse model got wrong (CTBT, ANZUS)."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accord.cli.main import app
from accord.world import (
    Coverage,
    TreatyParty,
    TreatyStatus,
    TreatySuspension,
    World,
)
from accord.world.validation import FieldError

P = TreatyStatus.PARTY
W = TreatyStatus.WITHDRAWN
WG = TreatyStatus.WITHDRAWING
C = TreatyStatus.CONTRACTING
S = TreatyStatus.SIGNATORY
D = TreatyStatus.DERATIFIED

#: (treaty, actor, day, status on that day or None): every dated change of the treaties added
#: for issue 14, checked on the day before and on the day itself.
DATED: list[tuple[str, str, str, TreatyStatus | None]] = [
    # Rome Statute: withdrawals take effect a year after notice (article 127).
    ("ROME", "BDI", "2004-11-30", C),
    ("ROME", "BDI", "2004-12-01", P),
    ("ROME", "BDI", "2016-10-26", P),
    ("ROME", "BDI", "2016-10-27", WG),
    ("ROME", "BDI", "2017-10-26", WG),
    ("ROME", "BDI", "2017-10-27", W),
    ("ROME", "PHL", "2011-10-31", C),
    ("ROME", "PHL", "2011-11-01", P),
    ("ROME", "PHL", "2019-03-16", WG),
    ("ROME", "PHL", "2019-03-17", W),
    ("ROME", "HUN", "2002-06-30", C),
    ("ROME", "HUN", "2002-07-01", P),
    ("ROME", "HUN", "2025-06-01", P),
    ("ROME", "HUN", "2025-06-02", WG),
    ("ROME", "HUN", "2026-06-01", WG),
    ("ROME", "HUN", "2026-06-02", W),
    ("ROME", "USA", "2000-12-30", None),
    ("ROME", "USA", "2000-12-31", S),
    ("ROME", "USA", "2002-05-05", S),
    ("ROME", "USA", "2002-05-06", W),
    ("ROME", "RUS", "2016-11-29", S),
    ("ROME", "RUS", "2016-11-30", W),
    ("ROME", "MYS", "2019-03-03", None),
    ("ROME", "MYS", "2019-03-04", C),
    ("ROME", "MYS", "2019-04-29", W),
    ("ROME", "UKR", "2024-12-31", C),
    ("ROME", "UKR", "2025-01-01", P),
    ("ROME", "ARM", "2024-01-31", C),
    ("ROME", "ARM", "2024-02-01", P),
    ("ROME", "SEN", "2002-06-30", C),
    ("ROME", "SEN", "2002-07-01", P),
    # INF: in force 1988-06-01, ended by the US withdrawal 2019-08-02.
    ("INF", "USA", "1988-05-31", S),
    ("INF", "USA", "1988-06-01", P),
    ("INF", "USA", "2019-02-01", P),
    ("INF", "USA", "2019-02-02", WG),
    ("INF", "USA", "2019-08-01", WG),
    ("INF", "USA", "2019-08-02", W),
    ("INF", "RUS", "2019-08-01", P),
    # the US withdrawal ended the treaty: Russia was bound until then, never withdrew
    ("INF", "RUS", "2019-08-02", TreatyStatus.ENDED),
    ("INF", "RUS", "2024-01-01", TreatyStatus.ENDED),
    # New START expired on 2026-02-05 with both parties bound (Russia's suspension apart)
    ("NEWSTART", "RUS", "2026-02-04", P),
    ("NEWSTART", "RUS", "2026-02-05", TreatyStatus.ENDED),
    ("NEWSTART", "USA", "2026-02-05", TreatyStatus.ENDED),
    # JCPOA: Adoption Day 2015-10-18; the US ceased participating 2018-05-08.
    ("JCPOA", "IRN", "2015-10-17", S),
    ("JCPOA", "IRN", "2015-10-18", P),
    ("JCPOA", "USA", "2018-05-07", P),
    ("JCPOA", "USA", "2018-05-08", W),
    ("JCPOA", "EU", "2025-10-01", P),
    # CWC
    ("CWC", "USA", "1997-04-28", C),
    ("CWC", "USA", "1997-04-29", P),
    ("CWC", "RUS", "1997-12-04", C),
    ("CWC", "RUS", "1997-12-05", P),
    ("CWC", "SYR", "2013-09-13", None),
    ("CWC", "SYR", "2013-09-14", C),
    ("CWC", "SYR", "2013-10-14", P),
    ("CWC", "AGO", "2015-10-15", C),
    ("CWC", "AGO", "2015-10-16", P),
    ("CWC", "ISR", "2025-01-01", S),
    # BWC, OST: in force on the depositaries' deposits.
    ("BWC", "GBR", "1975-03-25", S),
    ("BWC", "GBR", "1975-03-26", P),
    ("OST", "USA", "1967-10-09", S),
    ("OST", "USA", "1967-10-10", P),
    # TPNW
    ("TPNW", "VAT", "2017-09-19", None),
    ("TPNW", "VAT", "2017-09-20", C),
    ("TPNW", "VAT", "2021-01-21", C),
    ("TPNW", "VAT", "2021-01-22", P),
    ("TPNW", "HND", "2020-10-23", S),
    ("TPNW", "HND", "2020-10-24", C),
    # ATT
    ("ATT", "USA", "2019-07-17", S),
    ("ATT", "USA", "2019-07-18", W),
    ("ATT", "CHN", "2020-10-03", C),
    ("ATT", "CHN", "2020-10-04", P),
    # Ottawa: the 2025 withdrawals, six months after notice.
    ("OTTAWA", "LTU", "2025-06-26", P),
    ("OTTAWA", "LTU", "2025-06-27", WG),
    ("OTTAWA", "LTU", "2025-12-26", WG),
    ("OTTAWA", "LTU", "2025-12-27", W),
    ("OTTAWA", "LVA", "2025-12-27", W),
    ("OTTAWA", "EST", "2025-12-26", WG),
    ("OTTAWA", "EST", "2025-12-27", W),
    ("OTTAWA", "FIN", "2026-01-09", WG),
    ("OTTAWA", "FIN", "2026-01-10", W),
    ("OTTAWA", "POL", "2025-08-19", P),
    ("OTTAWA", "POL", "2025-08-20", WG),
    ("OTTAWA", "POL", "2026-02-19", WG),
    ("OTTAWA", "POL", "2026-02-20", W),
    ("OTTAWA", "UKR", "2026-06-01", P),
    ("OTTAWA", "CAN", "1999-02-28", C),
    ("OTTAWA", "CAN", "1999-03-01", P),
    # Cluster munitions: Lithuania left 2025-03-06.
    ("CCM", "LTU", "2011-08-31", C),
    ("CCM", "LTU", "2011-09-01", P),
    ("CCM", "LTU", "2024-09-06", WG),
    ("CCM", "LTU", "2025-03-05", WG),
    ("CCM", "LTU", "2025-03-06", W),
    # CFE and Open Skies
    ("CFE", "RUS", "1992-09-02", S),
    ("CFE", "RUS", "1992-09-03", C),
    ("CFE", "RUS", "1992-11-08", C),
    ("CFE", "RUS", "1992-11-09", P),
    ("CFE", "RUS", "2023-06-08", P),
    ("CFE", "RUS", "2023-06-09", WG),
    ("CFE", "RUS", "2023-11-06", WG),
    ("CFE", "RUS", "2023-11-07", W),
    ("CFE", "DEU", "2024-01-01", P),
    ("OPENSKIES", "USA", "2020-05-21", P),
    ("OPENSKIES", "USA", "2020-05-22", WG),
    ("OPENSKIES", "USA", "2020-11-21", WG),
    ("OPENSKIES", "USA", "2020-11-22", W),
    ("OPENSKIES", "RUS", "2021-12-17", WG),
    ("OPENSKIES", "RUS", "2021-12-18", W),
    # Nuclear-weapon-free zones
    ("SEMIPALATINSK", "KAZ", "2009-03-20", S),
    ("SEMIPALATINSK", "KAZ", "2009-03-21", P),
    ("TLATELOLCO", "CUB", "2002-10-22", S),
    ("TLATELOLCO", "CUB", "2002-10-23", P),
    # Diplomatic law, climate and environment
    ("VCDR", "USA", "1972-12-12", C),
    ("VCDR", "USA", "1972-12-13", P),
    ("VCCR", "USA", "1969-12-23", C),
    ("VCCR", "USA", "1969-12-24", P),
    ("UNFCCC", "USA", "1994-03-20", C),
    ("UNFCCC", "USA", "1994-03-21", P),
    ("KYOTO", "CAN", "2005-02-15", C),
    ("KYOTO", "CAN", "2005-02-16", P),
    ("KYOTO", "CAN", "2011-12-15", WG),
    ("KYOTO", "CAN", "2012-12-14", WG),
    ("KYOTO", "CAN", "2012-12-15", W),
    ("KYOTO", "USA", "2020-01-01", S),
    ("KYOTO", "RUS", "2004-11-18", C),
    ("KYOTO", "RUS", "2005-02-16", P),
    ("MONTREAL", "USA", "1988-12-31", C),
    ("MONTREAL", "USA", "1989-01-01", P),
    # Humanitarian law, genocide, refugees
    ("GENEVA", "CHE", "1950-10-20", C),
    ("GENEVA", "CHE", "1950-10-21", P),
    ("GENEVA", "USA", "1956-02-01", C),
    ("GENEVA", "USA", "1956-02-02", P),
    ("GENOCIDE", "USA", "1989-02-22", C),
    ("GENOCIDE", "USA", "1989-02-23", P),
    ("REFUGEE", "AUS", "1954-04-21", C),
    ("REFUGEE", "AUS", "1954-04-22", P),
    # Antarctic, high seas
    ("ANTARCTIC", "NZL", "1960-10-31", S),
    ("ANTARCTIC", "NZL", "1960-11-01", C),  # ratified (IEADB), in force for all 1961-06-23
    ("ANTARCTIC", "NZL", "1961-06-22", C),
    ("ANTARCTIC", "NZL", "1961-06-23", P),
    ("BBNJ", "USA", "2023-09-19", None),
    ("BBNJ", "USA", "2026-06-01", S),
]


def _status(world: World, treaty: str, actor: str, day: str) -> TreatyStatus | None:
    for standing in world.treaty_status(treaty, day):
        if standing.party == actor:
            return standing.status
    return None


def check_bound_from_deposit(
    world: World, treaty: str, party: str, deposit: str, effective: str
) -> None:
    """No standing the day before `deposit`, contracting from it, party from `effective`."""

    def before(day: str) -> str:
        return (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()

    assert _status(world, treaty, party, before(deposit)) is None
    assert _status(world, treaty, party, deposit) == C
    assert _status(world, treaty, party, before(effective)) == C
    assert _status(world, treaty, party, effective) == P


@pytest.mark.parametrize(("treaty", "actor", "day", "expected"), DATED)
def test_dated_status(
    world: World, treaty: str, actor: str, day: str, expected: TreatyStatus | None
) -> None:
    assert _status(world, treaty, actor, day) == expected


def test_at_least_forty_treaties_with_the_required_codes(world: World) -> None:
    codes = {t.code for t in world.treaties}
    assert len(codes) >= 40
    required = {
        "ROME", "INF", "CWC", "BWC", "TPNW", "ATT", "OTTAWA", "CCM", "OST", "CFE",
        "OPENSKIES", "TLATELOLCO", "RAROTONGA", "BANGKOK", "PELINDABA", "SEMIPALATINSK",
        "VCDR", "VCCR", "UNFCCC", "KYOTO", "MONTREAL", "GENEVA", "GENOCIDE", "REFUGEE",
        "ANTARCTIC", "BBNJ", "PANDEMIC", "JCPOA",
    }  # fmt: skip
    assert required <= codes
    assert world.treaty("JCPOA").kind == "political"
    assert world.treaty("PANDEMIC").in_force is None
    assert world.treaty_status("PANDEMIC", "2026-01-01") == []


# -- integrity ------------------------------------------------------------------------------


def test_every_party_is_a_known_state_or_organization(world: World) -> None:
    states = {s.code for s in world.states}
    orgs = {o.code for o in world.organizations}
    for p in world.records.treaty_parties:
        assert p.party in states | orgs, (p.treaty, p.party)
        if p.party not in orgs:
            assert len(p.party) == 3 and p.party.isupper(), p.party


def test_no_participation_before_the_treaty_or_before_signature(world: World) -> None:
    for p in world.records.treaty_parties:
        t = world.treaty(p.treaty)
        first = p.signed or p.ratified or p.effective
        assert first is not None
        if t.signed is not None:
            assert first >= t.signed, (p.treaty, p.party, first, t.signed)
        if p.signed is not None and p.ratified is not None:
            assert p.ratified >= p.signed, (p.treaty, p.party)
        # Successions relate back to independence, so only other instruments are checked.
        if p.ratified and p.effective and p.how is not None and p.how != "succession":
            assert p.effective >= p.ratified, (p.treaty, p.party)


def test_withdrawals_follow_consent_and_notice(world: World) -> None:
    for p in world.records.treaty_parties:
        first = min(d for d in (p.signed, p.ratified, p.effective) if d is not None)
        if p.withdrawn is not None:
            assert p.withdrawn > first, (p.treaty, p.party)
            # Withdrawn after being bound, except an accession withdrawn before it took effect.
            bound = p.effective or p.ratified
            assert bound is None or p.withdrawn > bound or p.party == "MYS", (p.treaty, p.party)
        if p.notified is not None:
            assert p.withdrawn is not None and p.notified <= p.withdrawn, (p.treaty, p.party)
        if p.deratified is not None:
            assert p.ratified is not None and p.deratified > p.ratified, (p.treaty, p.party)


def test_every_row_has_a_source_and_partial_lists_are_marked(world: World) -> None:
    for p in world.records.treaty_parties:
        assert p.source.strip()
    for s in world.records.treaty_suspensions:
        assert s.source.strip()
        assert world.treaty(s.treaty)
    assert world.treaty("GENEVA").coverage is Coverage.PARTIAL
    assert world.treaty("ROME").coverage is Coverage.COMPLETE
    assert world.treaty("CWC").coverage is Coverage.COMPLETE
    assert world.treaty("SEMIPALATINSK").coverage is Coverage.COMPLETE
    assert world.treaty("NPT").coverage is Coverage.COMPLETE


def test_the_record_rejects_impossible_dates() -> None:
    with pytest.raises(FieldError, match="before signature"):
        TreatyParty("X", "USA", "src", signed=dt.date(2000, 1, 2), ratified=dt.date(2000, 1, 1))
    with pytest.raises(FieldError, match="only a ratification"):
        TreatyParty("X", "USA", "src", signed=dt.date(2000, 1, 1), deratified=dt.date(2001, 1, 1))
    with pytest.raises(FieldError, match="notice"):
        TreatyParty("X", "USA", "src", ratified=dt.date(2000, 1, 1), notified=dt.date(2001, 1, 1))
    with pytest.raises(FieldError, match="itself"):
        TreatySuspension("X", "USA", dt.date(2000, 1, 1), "src", toward="USA")


# -- the cases the coarse model got wrong -----------------------------------------------------


def test_ctbt_ratifiers_and_russia_deratified(world: World) -> None:
    standings = world.treaty_status("CTBT", "2025-06-01")
    counts = Counter(s.status for s in standings)
    assert counts[C] == 178
    assert counts[D] == 1
    assert counts[P] == 0  # not in force
    russia = next(s for s in standings if s.party == "RUS")
    assert russia.status is D
    assert russia.record.deratified == dt.date(2023, 11, 2)
    assert _status(world, "CTBT", "RUS", "2023-11-01") is C
    # Russia stays a signatory: 187 signatories before and after.
    assert "RUS" in {p.party for p in world.treaty_signatories("CTBT", "2024-01-01")}
    assert len(world.treaty_signatories("CTBT", "2024-01-01")) == 187
    us = next(s for s in standings if s.party == "USA")
    assert us.status is S


def test_anzus_suspension_cuts_only_the_us_new_zealand_link(world: World) -> None:
    def allies(state: str, day: str) -> set[str]:
        return {a.ally for a in world.allies(state, day) if a.alliance.startswith("ANZUS")}

    assert allies("NZL", "1986-08-10") == {"AUS", "USA"}
    assert allies("NZL", "1986-08-11") == {"AUS"}
    assert allies("NZL", "2025-01-01") == {"AUS"}
    assert allies("AUS", "2025-01-01") == {"NZL", "USA"}
    assert allies("USA", "2025-01-01") == {"AUS"}
    # New Zealand is still a member of the alliance and a party to the treaty.
    assert "NZL" in world.alliance_members("ANZUS-DEF", "2025-01-01")
    assert "NZL" in {p.party for p in world.treaty_parties("ANZUS", "2025-01-01")}
    assert world.suspended_between("ANZUS", "NZL", "USA", "2000-01-01")
    assert not world.suspended_between("ANZUS", "NZL", "AUS", "2000-01-01")


def test_suspensions_show_in_the_status(world: World) -> None:
    russia = next(s for s in world.treaty_status("NEWSTART", "2024-01-01") if s.party == "RUS")
    assert russia.status is P
    assert [x.toward for x in russia.suspensions] == ["USA"]
    cfe = {s.party: s for s in world.treaty_status("CFE", "2010-01-01")}
    assert [x.toward for x in cfe["RUS"].suspensions] == [None]
    assert cfe["DEU"].suspensions == ()


def test_a_party_that_left_and_came_back_shows_its_latest_spell(world: World) -> None:
    # The United States notified its withdrawals on 2019-11-04 and 2025-01-27, each taking
    # effect a year later (article 28): withdrawing in between, bound throughout.
    assert _status(world, "PARIS", "USA", "2019-11-03") is P
    assert _status(world, "PARIS", "USA", "2019-11-04") is WG
    assert _status(world, "PARIS", "USA", "2020-11-03") is WG
    assert _status(world, "PARIS", "USA", "2025-01-26") is P
    assert _status(world, "PARIS", "USA", "2025-01-27") is WG
    assert _status(world, "PARIS", "USA", "2026-01-26") is WG
    assert _status(world, "PARIS", "USA", "2026-01-27") is W
    assert _status(world, "PARIS", "USA", "2020-12-01") is W
    assert _status(world, "PARIS", "USA", "2021-01-20") is C
    assert _status(world, "PARIS", "USA", "2021-03-01") is P


# -- the command ----------------------------------------------------------------------------


def test_world_treaty_ctbt_json(db_path: Path) -> None:
    runner = CliRunner()
    reset = runner.invoke(app, ["world", "reset", "--db", str(db_path)])
    assert reset.exit_code == 0, reset.output
    result = runner.invoke(
        app, ["world", "treaty", "CTBT", "--on", "2025-06-01", "--db", str(db_path), "--json"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert Counter(r["status"] for r in rows) == {
        "contracting": 178,
        "signatory": 8,
        "deratified": 1,
    }
    russia = next(r for r in rows if r["code"] == "RUS")
    assert russia["deratified"] == "2023-11-02"
    assert russia["ratified"] == "2000-06-30"
    assert all(r["source"] for r in rows)
    only = runner.invoke(
        app,
        [
            "world",
            "treaty",
            "ROME",
            "--on",
            "2025-07-01",
            "--status",
            "withdrawing",
            "--json",
            "--db",
            str(db_path),
        ],
    )
    assert [(r["code"], r["withdrawal_notified"]) for r in json.loads(only.stdout)] == [
        ("HUN", "2025-06-02")
    ]
    table = runner.invoke(app, ["world", "treaty", "ROME", "--db", str(db_path)])
    assert table.exit_code == 0
    assert "partial" not in table.output
    table = runner.invoke(app, ["world", "treaty", "GENEVA", "--db", str(db_path)])
    assert table.exit_code == 0
    assert "partial" in table.output


def test_an_answer_as_of_a_date_shows_no_later_step(world: World) -> None:
    # On 2017-06-01 Burundi had notified its Rome Statute withdrawal (2016-10-27), Hungary's
    # (2026) and the Philippines' (2019) lay ahead, and Armenia had only signed (ratified 2023).
    from accord.world.reports import treaty_parties_on

    rows = {r.code: r for r in treaty_parties_on(world, "ROME", dt.date(2017, 6, 1))}
    assert (rows["BDI"].withdrawal_notified, rows["BDI"].withdrawn) == (dt.date(2016, 10, 27), None)
    assert rows["HUN"].withdrawn is None and rows["PHL"].withdrawn is None
    assert rows["ARM"].status == "signatory" and rows["ARM"].ratified is None
    later = {r.code: r for r in treaty_parties_on(world, "ROME", dt.date(2026, 12, 6))}
    assert later["ARM"].ratified == dt.date(2023, 11, 14)
