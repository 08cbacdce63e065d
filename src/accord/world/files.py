"""Read and write a world as a directory of human-editable CSV files (docs/world-files.md).

Reading collects every problem (file, line, field) before failing, so one run of
`accord world validate` reports them all; writing swaps a complete directory into place.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import os
import re
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from accord.errors import InputError, OutputError, Problem, writing
from accord.files import read_bounded
from accord.world.actors import (
    NonStateActor,
    NonStateKind,
    Organization,
    OrgKind,
    Origin,
    State,
    StateStatus,
)
from accord.world.coverage import Coverage
from accord.world.dates import Date, Interval, parse_date
from accord.world.model import RECORD_FIELDS, World, WorldRecords
from accord.world.ties import (
    Alliance,
    AllianceMember,
    Capability,
    Consent,
    Membership,
    Obligation,
    Representation,
    RepresentationLevel,
    Role,
    SanctionKind,
    SanctionRegime,
    SanctionSender,
    Treaty,
    TreatyKind,
    TreatyParty,
    TreatySuspension,
)
from accord.world.validation import FieldError, require_code

Parser = Callable[[str], Any]
Formatter = Callable[[Any], str]


#: Largest world file read (bytes): ten times the largest shipped file.
MAX_WORLD_FILE_BYTES = 64 << 20
#: Longest field (characters): the `csv` module's limit, named here so it is documented.
MAX_FIELD_CHARS = 131_072
#: Dates a world file may hold: up to the year 2999 (a date near the calendar's end would
#: overflow date arithmetic downstream, 9999-12-31 + 1 day; the shipped world starts in 301).
FIRST_DATE, LAST_DATE = dt.date(1, 1, 1), dt.date(2999, 12, 31)
#: Control characters refused in any field (C0, DEL and C1; tab, line feed and carriage
#: return are allowed).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _date(value: str) -> Date:
    """A date of a world file: ISO `YYYY-MM-DD` within FIRST_DATE..LAST_DATE."""
    day = parse_date(value)
    if not FIRST_DATE <= day <= LAST_DATE:
        raise ValueError(f"date {day} is outside {FIRST_DATE}..{LAST_DATE}")
    return day


def _text(value: str) -> str:
    return value


#: Numbers as a world file writes them: ASCII digits, an optional sign, decimals and exponent
#: (Python's own parsers also take '1_000', other scripts' digits, 'inf' and 'nan').
_WHOLE = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def _int(value: str) -> int:
    if not _WHOLE.fullmatch(value.strip()):
        raise ValueError(f"expected a whole number, got {value!r}")
    return int(value)


def _float(value: str) -> float:
    """A finite decimal number: 'inf', 'nan' and '1_000' parse in Python, but no capability
    is infinite and a file writes none of them."""
    if not _DECIMAL.fullmatch(value.strip()):
        raise ValueError(f"expected a number, got {value!r}")
    number = float(value)
    if not math.isfinite(number):  # 1e400
        raise ValueError(f"expected a finite number, got {value!r}")
    return number


def _list(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(";") if part.strip())


def _enum(enum: type[StrEnum]) -> Parser:
    def parse(value: str) -> StrEnum:
        try:
            return enum(value)
        except ValueError:
            choices = ", ".join(m.value for m in enum)
            raise ValueError(f"{value!r} is not one of: {choices}") from None

    return parse


def _enum_list(enum: type[StrEnum]) -> Parser:
    one = _enum(enum)
    return lambda value: tuple(one(part) for part in _list(value))


def _intervals(value: str) -> tuple[Interval, ...]:
    found = tuple(Interval.parse(part) for part in _list(value))
    for interval in found:
        for day in (interval.start, interval.end):
            if day is not None:
                _date(day.isoformat())
    return found


def _fmt(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, Date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e18 else repr(value)
    if isinstance(value, tuple):
        return ";".join(_fmt(v) for v in value)
    return str(value)


@dataclass(frozen=True)
class Column:
    """One CSV column: its header, the record field it fills, how to parse it."""

    name: str
    parse: Parser = _text
    required: bool = False
    attr: str | None = None

    @property
    def field(self) -> str:
        return self.attr or self.name


@dataclass(frozen=True)
class Table:
    """One kind of world file: `states.csv`, or one file per key in a folder."""

    world_field: str
    record: type
    columns: tuple[Column, ...]
    file: str | None = None
    folder: str | None = None
    key_attr: str | None = None

    def paths(self, root: Path) -> list[Path]:
        if self.file is not None:
            path = root / self.file
            return [path] if path.exists() else []
        assert self.folder is not None
        folder = root / self.folder
        return sorted(folder.glob("*.csv")) if folder.is_dir() else []


D = _date
TABLES: tuple[Table, ...] = (
    Table(
        "states",
        State,
        (
            Column("code", required=True),
            Column("cow", _int),
            Column("name", required=True),
            Column("official_name"),
            Column("aliases", _list),
            Column("region"),
            Column("subregion"),
            Column("status", _enum(StateStatus), required=True),
            Column("start", D),
            Column("end", D),
            Column("source", required=True),
        ),
        file="states.csv",
    ),
    Table(
        "organizations",
        Organization,
        (
            Column("code", required=True),
            Column("name", required=True),
            Column("kind", _enum(OrgKind), required=True),
            Column("founded", D),
            Column("dissolved", D),
            Column("source", required=True),
            Column("coverage", _enum(Coverage)),
            Column("missing", _list),
        ),
        file="organizations.csv",
    ),
    Table(
        "non_state_actors",
        NonStateActor,
        (
            Column("code", required=True),
            Column("name", required=True),
            Column("kind", _enum(NonStateKind), required=True),
            Column("country"),
            Column("founded", D),
            Column("source", required=True),
        ),
        file="non_state_actors.csv",
    ),
    Table(
        "memberships",
        Membership,
        (
            Column("member", required=True),
            Column("role", _enum(Role), required=True),
            Column("joined", D, required=True),
            Column("left", D),
            Column("suspended", _intervals),
            Column("source", required=True),
            Column("note"),
        ),
        folder="memberships",
        key_attr="org",
    ),
    Table(
        "treaties",
        Treaty,
        (
            Column("code", required=True),
            Column("name", required=True),
            Column("kind", _enum(TreatyKind), required=True),
            Column("signed", D),
            Column("in_force", D),
            Column("source", required=True),
            Column("coverage", _enum(Coverage)),
            Column("missing", _list),
            Column("ended", D),
        ),
        file="treaties.csv",
    ),
    Table(
        "treaty_parties",
        TreatyParty,
        (
            Column("party", required=True),
            Column("signed", D),
            Column("ratified", D),
            Column("effective", D),
            Column("withdrawn", D),
            Column("source", required=True),
            Column("how", _enum(Consent)),
            Column("deratified", D),
            Column("notified", D),
            Column("reservations"),
            Column("note"),
        ),
        folder="treaty_parties",
        key_attr="treaty",
    ),
    Table(
        "treaty_suspensions",
        TreatySuspension,
        (
            Column("treaty", required=True),
            Column("party", required=True),
            Column("toward"),
            Column("start", D, required=True),
            Column("end", D),
            Column("source", required=True),
        ),
        file="treaty_suspensions.csv",
    ),
    Table(
        "alliances",
        Alliance,
        (
            Column("code", required=True),
            Column("name", required=True),
            Column("treaty"),
            Column("obligation", _enum(Obligation), required=True),
            Column("organization"),
            Column("start", D),
            Column("end", D),
            Column("source", required=True),
        ),
        file="alliances.csv",
    ),
    Table(
        "alliance_members",
        AllianceMember,
        (
            Column("member", required=True),
            Column("joined", D, required=True),
            Column("left", D),
            Column("source", required=True),
        ),
        folder="alliance_members",
        key_attr="alliance",
    ),
    Table(
        "sanctions_regimes",
        SanctionRegime,
        (
            Column("code", required=True),
            Column("name", required=True),
            Column("target", required=True),
            Column("kinds", _enum_list(SanctionKind), required=True),
            Column("start", D, required=True),
            Column("end", D),
            Column("legal_basis"),
            Column("source", required=True),
        ),
        file="sanctions.csv",
    ),
    Table(
        "sanction_senders",
        SanctionSender,
        (
            Column("sender", required=True),
            Column("joined", D, required=True),
            Column("left", D),
            Column("source", required=True),
        ),
        folder="sanction_senders",
        key_attr="regime",
    ),
    Table(
        "representations",
        Representation,
        (
            Column("sender", required=True),
            Column("receiver", required=True),
            Column("level", _enum(RepresentationLevel), required=True),
            Column("start", D, required=True),
            Column("end", D),
            Column("source", required=True),
        ),
        file="representations.csv",
    ),
    Table(
        "capabilities",
        Capability,
        (
            Column("actor", required=True),
            Column("indicator", required=True),
            Column("value", _float, required=True),
            Column("unit", required=True),
            Column("year", _int, required=True),
            Column("source", required=True),
        ),
        file="capabilities.csv",
    ),
)
assert tuple(t.world_field for t in TABLES) == tuple(RECORD_FIELDS)


def tables_of(only: Collection[str] | None = None) -> tuple[Table, ...]:
    """The tables of the kinds of records `only` names (`WorldRecords` fields), in file
    order; all of them for None."""
    return TABLES if only is None else tuple(t for t in TABLES if t.world_field in only)


def _decode(path: Path, label: str) -> str:
    """The UTF-8 text of a world file; refused when too large, unreadable or not UTF-8 (with
    the line of the first bad byte)."""
    try:
        data = read_bounded(path, MAX_WORLD_FILE_BYTES, label)
        if data is None:
            raise InputError.at(f"larger than {MAX_WORLD_FILE_BYTES:,} bytes", file=label)
    except OSError as exc:
        raise InputError.at(f"cannot read the file: {exc.strerror or exc}", file=label) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError.at("UTF-16 text: save the file as UTF-8", file=label, line=1)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError.at(
            f"not UTF-8 text: byte 0x{data[exc.start]:02x} ({exc.reason}); save the file as UTF-8",
            file=label,
            line=line,
        ) from None


def _rows(path: Path, label: str) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, cells) for each data row, skipping blanks and `#` comments.

    A field with a control character or longer than MAX_FIELD_CHARS is an error at its line.
    """
    reader = csv.reader(io.StringIO(_decode(path, label), newline=""), strict=True)
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            message = str(exc)
            if "field larger than field limit" in message:
                message = f"a field is longer than {MAX_FIELD_CHARS:,} characters"
            raise InputError.at(
                f"broken CSV: {message}", file=label, line=reader.line_num
            ) from None
        if not cells or all(not c.strip() for c in cells) or cells[0].lstrip().startswith("#"):
            continue
        for k, cell in enumerate(cells, 1):
            bad = _CONTROL.search(cell)
            if bad is not None:
                raise InputError.at(
                    f"control character U+{ord(bad.group()):04X} in field {k}",
                    file=label,
                    line=reader.line_num,
                )
        yield reader.line_num, cells


def _read_table(table: Table, path: Path, label: str, problems: list[Problem]) -> list[Any]:
    records: list[Any] = []
    rows = _rows(path, label)
    try:
        first = next(rows, None)
    except InputError as exc:
        problems.extend(exc.problems)
        return records
    if first is None:  # an empty file is a mistake, not an empty table (that has a header)
        needed = ", ".join(c.name for c in table.columns if c.required)
        problems.append(
            Problem(f"empty file: no header row (its columns: {needed})", label, 1, "(file)")
        )
        return records
    header_line, header = first
    header = [h.strip() for h in header]
    known = {c.name for c in table.columns}
    for name in header:
        if name not in known:
            problems.append(
                Problem(
                    f"unknown column {name!r}; expected {', '.join(c.name for c in table.columns)}",
                    label,
                    header_line,
                    name,
                )
            )
    missing = [c.name for c in table.columns if c.required and c.name not in header]
    for name in missing:
        problems.append(Problem("required column is missing", label, header_line, name))
    if missing or len(set(header)) != len(header):
        if len(set(header)) != len(header):
            problems.append(Problem("duplicate column names in header", label, header_line))
        return records
    key = path.stem if table.key_attr else None
    if key is not None and table.key_attr is not None:
        try:  # the file's name is every row's key: a bad one is said once, not per row
            require_code(table.key_attr, key)
        except FieldError as exc:
            problems.append(Problem(f"the file's name: {exc.message}", label, None, exc.field))
            return records
    try:
        for line, cells in rows:
            if len(cells) > len(header):  # fewer: the trailing optional fields are empty
                problems.append(
                    Problem(f"{len(cells)} fields but the header has {len(header)}", label, line)
                )
                continue
            values = dict(zip(header, cells, strict=False))
            record = _build(table, values, key, label, line, problems)
            if record is not None:
                records.append(record)
    except InputError as exc:
        problems.extend(exc.problems)
    return records


def _build(
    table: Table, values: dict[str, str], key: str | None, label: str, line: int, out: list[Problem]
) -> Any | None:
    kwargs: dict[str, Any] = {}
    ok = True
    for col in table.columns:
        raw = values.get(col.name, "").strip()
        if not raw:
            if col.required:
                out.append(Problem("required value is empty", label, line, col.name))
                ok = False
            continue
        try:
            kwargs[col.field] = col.parse(raw)
        except ValueError as exc:
            out.append(Problem(str(exc), label, line, col.name))
            ok = False
    if not ok:
        return None
    if table.key_attr is not None:
        kwargs[table.key_attr] = key
    try:
        return table.record(**kwargs, origin=Origin(label, line))
    except FieldError as exc:
        field = table.key_attr if exc.field == table.key_attr else exc.field
        where = label if field != table.key_attr else f"{label} (file name)"
        out.append(Problem(exc.message, where, line if field != table.key_attr else None, field))
    except (TypeError, ValueError) as exc:
        out.append(Problem(str(exc), label, line))
    return None


def read_world_dir(root: str | os.PathLike[str], *, only: Collection[str] | None = None) -> World:
    """Read and validate a world directory; raise `InputError` listing every problem. `only`
    names the kinds of records to read (`WorldRecords` fields, such as `ACTOR_FIELDS`); the
    others are left empty (default: all)."""
    base = Path(root)
    if not base.is_dir():
        raise InputError.at("not a directory", file=str(base))
    problems: list[Problem] = []
    collected: dict[str, list[Any]] = defaultdict(list)
    for table in tables_of(only):
        folder = base / table.folder if table.folder is not None else None
        if folder is not None and folder.exists() and not folder.is_dir():  # read as none
            problems.append(
                Problem(f"not a folder: the {table.folder} are CSV files in one", str(folder))
            )
        for path in table.paths(base):
            label = str(path)
            collected[table.world_field].extend(_read_table(table, path, label, problems))
    if not collected["states"] and not collected["organizations"]:
        problems.append(
            Problem("no states.csv or organizations.csv: not a world directory", str(base))
        )
    else:
        wanted = {table.world_field for table in tables_of(only)}
        naming = {
            # the kinds of records whose rows name actors of each file
            "states": [k for k, v in collected.items() if v and k != "organizations"],
            "organizations": [k for k in ("memberships",) if collected[k]],
        }
        for kind, by in naming.items():
            if kind in wanted and by and not (base / f"{kind}.csv").exists():
                # one problem, not one "unknown actor" for every row naming one of them
                problems.append(
                    Problem(
                        f"{kind}.csv is missing, and the {by[0].replace('_', ' ')} records "
                        f"name {kind}",
                        str(base),
                    )
                )
    if problems:
        raise InputError(problems)
    world = World(WorldRecords(**{name: tuple(records) for name, records in collected.items()}))
    cross = world.problems()
    if cross:
        raise InputError(cross)
    return world


def _write_csv(path: Path, table: Table, records: list[Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([c.name for c in table.columns])
        for record in records:
            writer.writerow([_fmt(getattr(record, c.field)) for c in table.columns])


def _check_replaceable(target: Path) -> None:
    """Refuse to replace `target` unless it is new, an empty folder or an earlier export (its
    entries all world files): replacing a folder removes what it holds."""
    if not target.exists():
        return
    if not target.is_dir():
        raise OutputError(f"cannot export the world to {target}: it is a file, not a folder")
    names = {t.file or t.folder for t in TABLES}
    others = sorted(p.name for p in target.iterdir() if p.name not in names)
    if others:
        shown = ", ".join(others[:5]) + (", ..." if len(others) > 5 else "")
        raise OutputError(
            f"cannot export the world to {target}: it holds files that are not a world "
            f"export ({shown}), which replacing it would delete; choose a new or empty folder"
        )


def write_world_dir(world: World, root: str | os.PathLike[str]) -> Path:
    """Write the world as a directory of CSV files, replacing `root` atomically when it is
    new, empty or an earlier export (`_check_replaceable`: nothing else is deleted)."""
    target = Path(root).resolve()
    _check_replaceable(target)
    with writing(target, "world export"):
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
        staging.chmod(0o777 & ~_umask())  # as a folder made by mkdir (mkdtemp's is private)
    try:
        for table in TABLES:
            records = list(getattr(world.records, table.world_field))
            if table.file is not None:
                _write_csv(staging / table.file, table, records)
                continue
            assert table.folder is not None and table.key_attr is not None
            (staging / table.folder).mkdir(exist_ok=True)
            groups: dict[str, list[Any]] = defaultdict(list)
            for record in records:
                groups[getattr(record, table.key_attr)].append(record)
            for key, group in sorted(groups.items()):
                _write_csv(staging / table.folder / f"{key}.csv", table, group)
        if target.exists():
            retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
            os.replace(target, retired / target.name)
            os.replace(staging, target)
            shutil.rmtree(retired, ignore_errors=True)
        else:
            os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _umask() -> int:
    """The process's file-mode creation mask (read by setting it, then set back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
