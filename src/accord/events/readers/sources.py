"""Where event files come from: paths, globs and directories, plain, `.gz` or `.zip`.

A `Source` is one stream of records: a file, or one member of a zip archive. `expand` turns
what a user typed into sources; `Source.open` gives the decompressed bytes (`lines` reads
them as lines).
"""

from __future__ import annotations

import glob
import gzip
import io
import os
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any, cast

from accord.errors import InputError, Problem
from accord.files import NOT_REGULAR, control_in_name, why_passed_over

_GLOB_CHARS = set("*?[")


#: The first two bytes of a gzip file.
GZIP_MAGIC = b"\x1f\x8b"


def is_gzip(path: Path) -> bool:
    """Whether the file `path` starts as a gzip file does."""
    with path.open("rb") as raw:
        return raw.read(2) == GZIP_MAGIC


@dataclass(frozen=True, slots=True)
class Source:
    """One file, or one member of a zip archive (`member`), holding event records."""

    path: Path
    member: str | None = None
    #: The name given the file in place of its path (an upload's own name), if any.
    label: str | None = None
    #: Why the source is not read (a zip member whose path leads outside its archive): opening
    #: it raises this as an input error, so the ingest names it among the failed files.
    problem: str | None = None

    @property
    def name(self) -> str:
        """How logs, rejections and stored rows name this source: the path (or `label`), or
        `archive.zip!member`."""
        base = self.label or str(self.path)
        return f"{base}!{self.member}" if self.member else base

    @property
    def inner_name(self) -> str:
        """The name of the records file itself, without `.gz` (used to guess the format)."""
        name = self.member or self.path.name
        return name[:-3] if name.lower().endswith(".gz") else name

    def size(self) -> int:
        """Bytes to read (compressed size on disk), for progress reporting."""
        if self.member is None:
            return self.path.stat().st_size
        with zipfile.ZipFile(self.path) as archive:
            return archive.getinfo(self.member).compress_size

    @contextmanager
    def open(self) -> Iterator[Opened]:
        """The decompressed bytes of the records, and how far into the source they are.
        Corrupt or truncated compressed data raises an `InputError` naming the source."""
        if self.problem is not None:
            raise InputError.at(self.problem, file=self.name)
        try:
            with self._open() as opened:
                packed = opened.position if opened.gzip else None
                yield Opened(_checked(opened.stream, self.name, packed), opened.position)
        except _CORRUPT as exc:
            raise _corrupt(self.name, exc) from None

    @contextmanager
    def _open(self) -> Iterator[Opened]:
        if self.member is not None:
            with zipfile.ZipFile(self.path) as archive:
                info = archive.getinfo(self.member)
                ratio = info.compress_size / info.file_size if info.file_size else 1.0
                with archive.open(self.member) as member:
                    yield Opened(member, lambda: int(member.tell() * ratio))
            return
        with self.path.open("rb") as raw:
            if raw.read(2) == GZIP_MAGIC:
                raw.seek(0)
                with gzip.GzipFile(fileobj=raw, mode="rb") as unzipped:
                    yield Opened(cast(IO[bytes], unzipped), raw.tell, gzip=True)
                return
            raw.seek(0)
            yield Opened(raw, raw.tell)


#: How the files of compressors other than gzip and zip start (bzip2's `BZh`, a block size
#: digit and the magic of a block or of the end of an empty stream), by compressor.
_OTHER_COMPRESSORS: tuple[tuple[str, re.Pattern[bytes]], ...] = (
    ("bzip2", re.compile(rb"BZh[1-9](\x31\x41\x59\x26\x53\x59|\x17\x72\x45\x38\x50\x90)")),
    ("xz", re.compile(rb"\xfd7zXZ\x00")),
    ("zstd", re.compile(rb"\x28\xb5\x2f\xfd")),
    ("lz4", re.compile(rb"\x04\x22\x4d\x18")),
    ("7-Zip", re.compile(rb"7z\xbc\xaf\x27\x1c")),
    ("RAR", re.compile(rb"Rar!\x1a\x07")),
)
#: How many first bytes tell those compressors apart.
_MAGIC_BYTES = 10


def _check_not_compressed(head: bytes, name: str) -> None:
    """An input error naming `name` when its first bytes `head` are those of a compressor
    Accord does not read (bzip2, xz, zstd...): read as text they would be taken for a file
    in an unknown layout, or for rows to reject one by one."""
    for compressor, magic in _OTHER_COMPRESSORS:
        if magic.match(head):
            raise InputError.at(
                f"the file is compressed with {compressor}: only gzip (.gz) and zip files "
                "are read; decompress it first",
                file=name,
            )


#: What a damaged archive or compressed stream raises while it is opened or read.
_CORRUPT = (zipfile.BadZipFile, gzip.BadGzipFile, zlib.error, EOFError, KeyError, OSError)


def _corrupt(name: str, exc: BaseException) -> InputError:
    detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    what = "cannot read the file" if type(exc) is OSError else "corrupt or truncated data"
    return InputError.at(f"{what}: {detail or type(exc).__name__}", file=name)


class _CheckedStream(io.RawIOBase):
    """A stream whose read errors from damaged compressed data become an `InputError`; with
    `packed` (the compressed bytes read so far, for a gzip file), one that expands more than
    `MAX_ZIP_RATIO` times past `_RATIO_FLOOR` too, as a zip member's is refused before it is
    opened (a gzip file says its size only at its end)."""

    def __init__(self, inner: IO[bytes], name: str, packed: Callable[[], int] | None) -> None:
        super().__init__()
        self._inner = inner
        self._name = name
        self._packed = packed
        self._total = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            data = self._inner.read(len(buffer))
        except _CORRUPT as exc:
            raise _corrupt(self._name, exc) from None
        n = len(data)
        buffer[:n] = data
        self._total += n
        if self._packed is not None and self._total > _RATIO_FLOOR:
            packed = max(self._packed(), 1)
            if self._total > MAX_ZIP_RATIO * packed:
                raise InputError.at(
                    f"gzip data expands more than {MAX_ZIP_RATIO}-fold ({self._total:,} bytes "
                    f"from {packed:,}): refused as a compression bomb (text event files "
                    "compress 5-20-fold)",
                    file=self._name,
                )
        return n


def _checked(stream: IO[bytes], name: str, packed: Callable[[], int] | None) -> IO[bytes]:
    """`stream` buffered, its read errors made input errors (`_CheckedStream`, which also
    bounds a gzip file's expansion by `packed`), refused when it starts as a file of a
    compressor Accord does not read (`_check_not_compressed`)."""
    buffered = io.BufferedReader(_CheckedStream(stream, name, packed), 1 << 20)
    _check_not_compressed(buffered.peek(_MAGIC_BYTES)[:_MAGIC_BYTES], name)
    return cast(IO[bytes], buffered)


@dataclass(frozen=True, slots=True)
class Opened:
    """An open source: its decompressed `stream`, and `position()`, the bytes of the source
    on disk consumed so far (for progress against `Source.size()`)."""

    stream: IO[bytes]
    position: Callable[[], int]
    #: a gzip file's stream (`position` counts its compressed bytes)
    gzip: bool = False


#: Files a directory of event files often holds beside them that are never event data: docs,
#: mapping and checksum files (GDELT's `md5sums`, `filesizes`), file lists (GDELT 2.0's
#: `masterfilelist.txt`, `lastupdate.txt`, Dataverse's `MANIFEST.TXT`) and Accord's own store
#: files.
#: Skipped when a directory is expanded; a file named on its own is always read.
NOT_EVENT_SUFFIXES = frozenset(
    {".md", ".rst", ".pdf", ".html", ".htm", ".yaml", ".yml", ".md5", ".sha1", ".sha256"}
    | {".duckdb", ".wal", ".lock", ".py", ".r", ".do", ".docx", ".xlsx"}
)
NOT_EVENT_NAMES = frozenset(
    {"md5sums", "filesizes", "license", "licence", "readme", "manifest"}
    | {"masterfilelist", "masterfilelist-translation", "lastupdate", "lastupdate-translation"}
)
#: GDELT's other tables, published beside the events with the same time stamps
#: (`20150218230000.mentions.CSV.zip`, `20150218.gkg.csv.zip`): not events.
_GDELT_OTHER_TABLES = re.compile(r"\.(mentions|gkg|gkgcounts)\.", re.IGNORECASE)
STORE_SUFFIXES = (".duckdb.wal", ".duckdb.serve.json", ".duckdb.lock")


def not_event_data(file: Path) -> bool:
    """True for a file found in a directory that is surely not event data (see
    `NOT_EVENT_SUFFIXES`): hidden files, docs, checksums, mappings, store files."""
    name = file.name.lower()
    return (
        name.startswith(".")
        or file.suffix.lower() in NOT_EVENT_SUFFIXES
        or file.stem.lower() in NOT_EVENT_NAMES
        or name.endswith(STORE_SUFFIXES)
        or _GDELT_OTHER_TABLES.search(name) is not None
    )


#: Most members of one zip archive read (an archive of many tiny members is a denial of
#: service, not a download: GDELT's and ICEWS's archives hold one file each).
MAX_ZIP_MEMBERS = 10_000
#: Most a zip member may expand relative to its compressed size, once it is larger than
#: `_RATIO_FLOOR` (text event files compress 5-20-fold; a zip bomb 1,000-fold and more).
MAX_ZIP_RATIO = 200
_RATIO_FLOOR = 64 << 20
#: Most directory entries a `**` glob visits before it is refused as too broad.
MAX_GLOB_ENTRIES = 1_000_000


def _files_of(path: Path, passed_over: list[Problem]) -> Iterator[Path]:
    """The files `path` names: itself, or those of the directory (recursively, without the
    files that are surely not event data); each other entry of a directory (a link to
    nothing, a pipe, a socket, a device, a link to a folder) is noted in `passed_over`, never
    opened (a pipe waits for a writer) nor left out without a word."""
    if path.is_dir():
        # pathlib's rglob does not descend into symlinked directories: no loop is walked
        for child in sorted(path.rglob("*")):
            if not_event_data(child):
                continue
            why = why_passed_over(child)
            if why is not None:
                passed_over.append(Problem(why, str(child)))
            elif child.is_file():
                yield child
    elif path.is_file():
        yield path
    else:  # a device (/dev/zero), a pipe (<(cat f)), a socket: no size, maybe no end
        raise InputError.at(NOT_REGULAR, file=str(path))


def _member_parts(name: str) -> tuple[str, ...]:
    """The path names of a zip member, `/` or `\\` apart (archives made on Windows may use
    either)."""
    return PurePosixPath(name.replace("\\", "/")).parts


def _not_event_member(name: str) -> bool:
    """True for a zip member that is surely not event data, as `not_event_data` judges a file
    in a directory, or one in a hidden folder or macOS's `__MACOSX` (resource forks); a `..`
    is no hidden folder (`_outside_archive` names such members)."""
    parts = _member_parts(name)
    hidden = any(
        (part.startswith(".") and part not in (".", "..")) or part == "__MACOSX"
        for part in parts[:-1]
    )
    return hidden or not_event_data(Path(parts[-1] if parts else name))


def _outside_archive(name: str) -> str | None:
    """Why a zip member is not read, when its path leads outside the archive (an absolute
    path, a drive, or more `..` than folders: what 'zip slip' archives hold to overwrite files
    when unzipped), else None."""
    parts = _member_parts(name)
    depth = 0
    for part in parts[:-1]:
        depth += -1 if part == ".." else 1
        if depth < 0:
            break
    absolute = name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name) is not None
    if depth >= 0 and not absolute:
        return None
    return (
        "the member's path leads outside the archive ('..' or absolute): not read, as "
        "unzipping such an archive writes outside its folder; check where it comes from, "
        "extract the member and ingest the file"
    )


def _check_member_name(info: zipfile.ZipInfo, file: Path) -> None:
    """An input error for a member that cannot be read as it is: its name holds a control
    character (it would reach the terminal and the store's log), or it is encrypted."""
    if control_in_name(info.filename):
        raise InputError.at(
            f"zip member {info.filename!r}: its name holds a control character; rename it",
            file=str(file),
        )
    if info.flag_bits & 0x1:
        raise InputError.at(
            f"zip member {info.filename} is encrypted: extract it with its password first",
            file=str(file),
        )


def _check_member(info: zipfile.ZipInfo, file: Path) -> None:
    """An input error for a member not to read: a bad name (`_check_member_name`), itself
    compressed, or expanding more than `MAX_ZIP_RATIO` times its compressed size."""
    _check_member_name(info, file)
    if info.filename.lower().endswith((".zip", ".gz", ".bz2", ".xz", ".7z")):
        raise InputError.at(
            f"zip member {info.filename} is itself compressed (as in Dataverse's "
            f"'download all' archive): unzip {file.name} into a folder and ingest the "
            "folder (its .zip and .gz files are read as they are)",
            file=str(file),
        )
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > _RATIO_FLOOR and ratio > MAX_ZIP_RATIO:
        raise InputError.at(
            f"zip member {info.filename} expands {ratio:,.0f}-fold ({info.file_size:,} "
            f"bytes from {info.compress_size:,}); refused as a likely zip bomb (at most "
            f"{MAX_ZIP_RATIO}-fold)",
            file=str(file),
        )


def _check_repeated(infos: list[zipfile.ZipInfo], file: Path) -> None:
    """An input error when two members share a name (what appending to an archive makes):
    only the last could be opened by its name, and the others' rows would be left out."""
    counts = Counter(info.filename for info in infos)
    repeated = [name for name, count in counts.items() if count > 1]
    if repeated:
        name = repeated[0]
        raise InputError.at(
            f"zip member {name} appears {counts[name]} times in the archive (appended to "
            "twice?): only the last could be read; rebuild the archive with distinct member "
            "names",
            file=str(file),
        )


def _member_infos(file: Path) -> list[zipfile.ZipInfo]:
    """The file members of a zip archive (no folders); an input error when it is damaged or
    holds more than `MAX_ZIP_MEMBERS` of them."""
    try:
        with zipfile.ZipFile(file) as archive:
            infos = [i for i in archive.infolist() if not i.is_dir()]
    except _CORRUPT as exc:
        raise _corrupt(str(file), exc) from None
    if len(infos) > MAX_ZIP_MEMBERS:
        raise InputError.at(
            f"a zip archive of {len(infos):,} files; at most {MAX_ZIP_MEMBERS:,} are read",
            file=str(file),
        )
    return infos


def _members(file: Path) -> list[Source]:
    """The sources of the members of a zip archive that may be event data
    (`_not_event_member`), sorted by name, a member whose path leads outside the archive
    among them as one not to read (`Source.problem`); an input error for the whole archive
    when it is damaged, has no such member, repeats a member's name or holds a member not to
    read (`_check_member`), checked from its directory before any member is read."""
    infos = _member_infos(file)
    kept = [i for i in infos if not _not_event_member(i.filename)]
    if not kept:
        what = "a zip archive of docs, hidden or macOS files only" if infos else "an empty zip"
        raise InputError.at(f"{what}: no event file in it", file=str(file))
    _check_repeated(kept, file)
    for info in kept:
        _check_member(info, file)
    names = sorted(i.filename for i in kept)
    return [Source(file, name, problem=_outside_archive(name)) for name in names]


def _glob(pattern: str) -> list[Path]:
    """The paths a glob pattern matches, sorted. A `**` matches any number of directories,
    without following symlinked ones (Python's own recursive glob does, and loops forever on
    a link to a parent), visiting at most `MAX_GLOB_ENTRIES` entries."""
    if "**" not in pattern:
        return [Path(m) for m in sorted(glob.glob(pattern))]
    parts = Path(pattern).parts
    fixed = next(i for i, part in enumerate(parts) if _GLOB_CHARS & set(part))
    root = Path(*parts[:fixed]) if fixed else Path(".")
    matcher = _glob_regex(parts[fixed:])
    found: list[Path] = []
    visited = 0
    for here, dirs, files in os.walk(root, followlinks=False):
        for name in (*dirs, *files):
            visited += 1
            if visited > MAX_GLOB_ENTRIES:
                raise InputError.at(
                    f"the pattern visits more than {MAX_GLOB_ENTRIES:,} entries: name a "
                    "narrower one",
                    file=pattern,
                )
            full = Path(here, name)
            if matcher.match(full.relative_to(root).as_posix()):
                found.append(full)
    return sorted(found)


def _glob_regex(parts: tuple[str, ...]) -> re.Pattern[str]:
    """A regex for relative POSIX paths matching glob `parts` (`*`, `?`, `[...]` within one
    name; `**` any number of names, at least one when it ends the pattern)."""
    out = []
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        if part == "**":
            out.append("(?:[^/]+/)*[^/]+" if last else "(?:[^/]+/)*")
            continue
        out.append(_name_regex(part) + ("" if last else "/"))
    return re.compile("".join(out) + r"\Z")


def _name_regex(part: str) -> str:
    """One path name's glob (`*`, `?`, `[...]`, `[!...]`) as a regex matching no `/`."""
    out = []
    i = 0
    while i < len(part):
        char = part[i]
        close = part.find("]", i + 2) if char == "[" else -1
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif close != -1:
            body = part[i + 1 : close]
            negate = body.startswith("!")
            body = re.escape(body[1:] if negate else body).replace("\\-", "-")
            out.append(f"[{'^/' if negate else ''}{body}]")
            i = close
        else:
            out.append(re.escape(char))
        i += 1
    return "".join(out)


def _matches(text: str, passed_over: list[Problem]) -> list[Path]:
    """What one path a user typed names: the file or directory of that name when it exists,
    even if it holds `*`, `?` or `[` (browsers save downloads as `events [1].tab`), else the
    glob's matches; an input error when there is none."""
    if Path(text).exists():
        return [Path(text)]
    # as in a directory: what is neither a file nor a directory (a pipe, a dangling link) is
    # passed over with a note; named on its own it is an error (`_files_of`)
    matches = []
    noted = []
    for match in _glob(text) if _GLOB_CHARS & set(text) else []:
        why = None if match.is_symlink() and match.is_dir() else why_passed_over(match)
        if why is None:
            matches.append(match)
        else:
            noted.append(Problem(why, str(match)))
    if not matches:
        raise InputError(noted or [Problem("no such file, directory or glob match", text)])
    passed_over.extend(noted)
    return matches


def expand(paths: Iterable[str | Path]) -> list[Source]:
    """The sources named by `paths` (`expand_noting`, without its notes)."""
    return expand_noting(paths)[0]


def expand_noting(paths: Iterable[str | Path]) -> tuple[list[Source], list[Problem]]:
    """The sources named by `paths`: files, directories (recursively, without the files that
    are surely not event data: `not_event_data`), globs (a path that exists as written is
    that file, not a glob); zip archives contribute one source per member. A name that
    matches nothing is an input error. Also a note for each entry of a directory passed
    over (`_files_of`: a link to nothing, a pipe, a socket...)."""
    sources: list[Source] = []
    passed_over: list[Problem] = []
    for raw in paths:
        for match in _matches(str(raw), passed_over):
            for file in _files_of(match, passed_over):
                if zipfile.is_zipfile(file):
                    sources.extend(_members(file))
                elif file.suffix.lower() == ".zip":  # named a zip, not readable as one
                    raise InputError.at(
                        "not a readable zip archive (damaged or truncated?)", file=str(file)
                    )
                else:
                    sources.append(Source(file))
    # a file named twice (a directory and a glob inside it; two links to one file) is read once
    seen: set[tuple[str, str | None]] = set()
    unique = []
    for source in sources:
        key = (os.path.realpath(source.path), source.member)
        if key not in seen:
            seen.add(key)
            unique.append(source)
    return unique, _once(passed_over)


def _once(notes: list[Problem]) -> list[Problem]:
    """Each entry's note once, however reached (a directory named twice, through a link)."""
    seen: dict[str, Problem] = {}
    for note in notes:
        entry = Path(str(note.file))
        seen.setdefault(os.path.join(os.path.realpath(entry.parent), entry.name), note)
    return list(seen.values())
