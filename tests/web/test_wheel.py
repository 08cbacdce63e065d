"""The built wheel ships the dashboard: every page asset and vendored library, no npm tooling."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path, PurePosixPath

import pytest

from accord.api.routes.web import STATIC_DIR, VENDOR

WEB = STATIC_DIR.parent

ROOT = Path(__file__).resolve().parents[2]
#: `src="/static/..."`, `href="/vendor/..."` in the page; `from "./x.js"` in a module.
_PAGE_REF = re.compile(r'(?:src|href)="/(static|vendor)/([^"]+)"')
_IMPORT = re.compile(r'^\s*(?:import|export)\b[^"\']*?from\s+["\'](\.[^"\']+)["\']', re.MULTILINE)
_FETCH = re.compile(r'["\'`]/(vendor)/([^"\'`]+)["\'`]')


#: The pages the server answers (index.html at `/`, exercise.html for a session's links).
PAGES = ("index.html", "exercise.html")


def referenced_assets() -> set[str]:
    """Wheel paths of every page and every file it loads, following the JS import graph."""
    wanted: set[str] = set()
    todo: list[PurePosixPath] = []
    for page in PAGES:
        wanted.add(f"accord/web/static/{page}")
        html = (STATIC_DIR / page).read_text(encoding="utf-8")
        for folder, name in _PAGE_REF.findall(html):
            wanted.add(f"accord/web/{folder}/{name}")
            if folder == "static" and name.endswith(".js"):
                todo.append(PurePosixPath(name))
    seen: set[PurePosixPath] = set()
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        wanted.add(f"accord/web/static/{module}")
        text = (STATIC_DIR / module).read_text(encoding="utf-8")
        for folder, name in _FETCH.findall(text):
            wanted.add(f"accord/web/{folder}/{name}")
        for target in _IMPORT.findall(text):
            parts: list[str] = []
            for part in (module.parent / target).parts:
                if part == "..":
                    parts.pop()
                elif part != ".":
                    parts.append(part)
            todo.append(PurePosixPath(*parts))
    return wanted


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    out = tmp_path_factory.mktemp("wheel")
    # --no-isolation: build with the dev extra's hatchling, offline
    command = [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out)]
    subprocess.run(
        [*command, str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("accord-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_the_page_graph_is_followed() -> None:
    assets = referenced_assets()
    assert {
        "accord/web/static/style.css",
        "accord/web/static/favicon.svg",
        "accord/web/static/js/app.js",
        "accord/web/static/js/pages/dyad.js",
        "accord/web/static/exercise.html",
        "accord/web/static/js/exercise-page.js",
        "accord/web/static/js/pages/session.js",
        "accord/web/static/js/pages/console.js",
        "accord/web/static/js/pages/exercises.js",
        "accord/web/static/js/shape.js",
        "accord/web/vendor/d3.min.js",
        "accord/web/vendor/topojson-client.min.js",
        "accord/web/vendor/countries-110m.json",
        "accord/web/vendor/iso-codes.json",
    } <= assets


def test_wheel_holds_every_asset_the_page_loads(wheel_names: set[str]) -> None:
    assert sorted(referenced_assets() - wheel_names) == []


def test_wheel_holds_every_vendored_library_and_its_licence(wheel_names: set[str]) -> None:
    vendored = {f"accord/web/vendor/{name}" for name in VENDOR}
    assert sorted(vendored - wheel_names) == []
    vendor = {n for n in wheel_names if n.startswith("accord/web/vendor/")}
    licences = {n for n in vendor if n.endswith(".LICENSE")}
    package = json.loads((WEB / "package.json").read_text(encoding="utf-8"))
    expected = {f"accord/web/vendor/{dep}.LICENSE" for dep in package["dependencies"]}
    assert "accord/web/vendor/d3.LICENSE" in expected
    assert licences == expected


def test_wheel_holds_every_static_file(wheel_names: set[str]) -> None:
    static = {
        f"accord/web/static/{p.relative_to(STATIC_DIR).as_posix()}"
        for p in STATIC_DIR.rglob("*")
        if p.is_file()
    }
    assert sorted(static - wheel_names) == []


def test_wheel_leaves_out_node_modules_and_npm_tooling(wheel_names: set[str]) -> None:
    web = sorted(n for n in wheel_names if n.startswith("accord/web/"))
    assert [n for n in web if "node_modules" in n] == []
    assert [n for n in web if not n.startswith(("accord/web/static/", "accord/web/vendor/"))] == []
