"""A publisher mirror on loopback for the feed tests: files laid out as GDELT and Harvard
Dataverse publish them (`../shared/data/feeds/README.md`), served over HTTP with byte ranges,
and faults to order (a 500, a body cut short, a slow answer) per path.

Built by the tests from the shared samples; the builders here write each publisher's lists
(`md5sums`, `filesizes`, `masterfilelist.txt`, `lastupdate.txt`, the Dataverse JSON).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import http.server
import io
import json
import threading
import time
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any


def zipped(member: str, text: str) -> bytes:
    """A zip archive holding one member."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, text)
    return out.getvalue()


def md5(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()


class Mirror:
    """Files by URL path, the Dataverse datasets, and the faults still to play."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files: dict[str, bytes] = {}
        #: path -> faults to play on its next requests, in order: "500", "truncate", "slow"
        self.faults: dict[str, list[str]] = {}
        self.requests: Counter[str] = Counter()
        self.ranges: list[tuple[str, str]] = []
        self.active = 0
        self.most_active = 0
        self.delay = 0.0
        self.datasets: dict[str, list[dict[str, Any]]] = {}
        self.lock = threading.Lock()
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> Mirror:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- GDELT 1.0 -------------------------------------------------------------------------
    def gdelt1(self, name: str, text: str, *, md5_of: bytes | None = None) -> bytes:
        """Publish a GDELT 1.0 archive (`md5_of`: list another body's MD5, a wrong sum)."""
        member = name.removesuffix(".zip")
        data = zipped(member if "." in member else member + ".csv", text)
        self.files[f"/events/{name}"] = data
        sums = self._list("/events/md5sums")
        sums[name] = md5(md5_of if md5_of is not None else data)
        self._write_list("/events/md5sums", sums, "  ")
        sizes = self._list("/events/filesizes")
        sizes[name] = str(len(md5_of if md5_of is not None else data))
        self._write_list("/events/filesizes", sizes, " ")
        links = "".join(f'<a href="{n}">{n}</a>\n' for n in sorted(sums))
        self.files["/events/index.html"] = links.encode()
        return data

    def _list(self, path: str) -> dict[str, str]:
        text = self.files.get(path, b"").decode()
        return {p[1]: p[0] for line in text.splitlines() if len(p := line.split()) == 2}

    def _write_list(self, path: str, entries: dict[str, str], sep: str) -> None:
        body = "".join(f"{v}{sep}{k}\n" for k, v in sorted(entries.items()))
        self.files[path] = body.encode()

    # --- GDELT 2.0 -------------------------------------------------------------------------
    def gdelt2(self, stamp: str, text: str) -> bytes:
        """Publish a 15-minute update: its export (and listed mentions and gkg files)."""
        data = zipped(f"{stamp}.export.CSV", text)
        self.files[f"/gdeltv2/{stamp}.export.CSV.zip"] = data
        lines = [f"{len(data)} {md5(data)} {self.url}/gdeltv2/{stamp}.export.CSV.zip"]
        for kind in ("mentions.CSV", "gkg.csv"):
            other = zipped(f"{stamp}.{kind}", "")
            self.files[f"/gdeltv2/{stamp}.{kind}.zip"] = other
            lines.append(f"{len(other)} {md5(other)} {self.url}/gdeltv2/{stamp}.{kind}.zip")
        master = self.files.get("/gdeltv2/masterfilelist.txt", b"").decode()
        self.files["/gdeltv2/masterfilelist.txt"] = (master + "\n".join(lines) + "\n").encode()
        self.files["/gdeltv2/lastupdate.txt"] = ("\n".join(lines) + "\n").encode()
        return data

    # --- Dataverse -------------------------------------------------------------------------
    def dataverse(self, doi: str, name: str, data: bytes, *, checksum: str | None = None) -> None:
        """Add a file to a Dataverse dataset (`checksum`: list this MD5 instead)."""
        files = self.datasets.setdefault(doi, [])
        file_id = 1000 + sum(len(v) for v in self.datasets.values())
        self.files[f"/api/access/datafile/{file_id}"] = data
        entry = {
            "label": name,
            "dataFile": {
                "id": file_id,
                "filename": name,
                "filesize": len(data),
                "checksum": {"type": "MD5", "value": checksum or md5(data)},
            },
        }
        files.append(entry)

    def _dataset(self, doi: str) -> bytes | None:
        if doi not in self.datasets:
            return None
        answer = {"status": "OK", "data": {"latestVersion": {"files": self.datasets[doi]}}}
        return json.dumps(answer).encode()


def _handler(mirror: Mirror) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            path, _, query = self.path.partition("?")
            with mirror.lock:
                mirror.requests[path] += 1
                mirror.active += 1
                mirror.most_active = max(mirror.most_active, mirror.active)
                faults = mirror.faults.get(path) or []
                fault = faults.pop(0) if faults else None
            try:
                time.sleep(mirror.delay)
                self._answer(path, query, fault)
            finally:
                with mirror.lock:
                    mirror.active -= 1

        def _answer(self, path: str, query: str, fault: str | None) -> None:
            if fault == "500":
                return self._send(500, b"server error")
            if fault == "slow":
                time.sleep(2.0)
            body = mirror.files.get(path)
            if path == "/api/datasets/:persistentId/":
                body = mirror._dataset(query.removeprefix("persistentId="))
            if body is None:
                return self._send(404, b"not found")
            wanted = self.headers.get("Range")
            start = 0
            if wanted and wanted.startswith("bytes="):
                mirror.ranges.append((path, wanted))
                start = int(wanted[6:].split("-")[0])
            part = body[start:]
            self.send_response(206 if start else 200)
            self.send_header("Content-Length", str(len(part)))
            self.send_header("Accept-Ranges", "bytes")
            self.end_headers()
            if fault == "truncate":
                self.wfile.write(part[: len(part) // 2])
                self.wfile.flush()
                self.close_connection = True
                return None
            self.wfile.write(part)
            return None

        def _send(self, status: int, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


# --- rows built from the shared samples ------------------------------------------------------
def gdelt1_rows(sample: Path) -> list[list[str]]:
    """The GDELT 1.0 sample's rows (58 fields each)."""
    lines = sample.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip()]


def day_file(rows: list[list[str]], day: dt.date) -> str:
    """A GDELT 1.0 daily file of `rows`, their ids made unique to `day`."""
    prefix = day.strftime("%Y%m%d")
    out = []
    for k, row in enumerate(rows):
        fields = list(row)
        fields[0] = f"{prefix}{k:05d}"
        out.append("\t".join(fields))
    return "\n".join(out) + "\n"


def as_gdelt2(row: list[str], stamp: str) -> list[str]:
    """A GDELT 1.0 row (58 fields) in the GDELT 2.0 layout (61): an empty ADM2 code after each
    ADM1 code and DATEADDED as the 15-minute stamp."""
    f = row[:58] + [""] * (58 - len(row))
    return [*f[0:39], "", *f[39:46], "", *f[46:53], "", *f[53:56], stamp, f[57]]
