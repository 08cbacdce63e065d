"""The dashboard: its pages and scripts, and the third-party assets installed from npm.

Static sources live in `accord/web/static`; vendor assets are served from the
`accord/web/node_modules` that `make install` fills with `npm ci`, through a fixed table of
names, so no request path ever reaches the file system beyond those files.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

from accord.api.problems import ApiError, ProblemOut

WEB_DIR = Path(__file__).resolve().parents[2] / "web"
STATIC_DIR = WEB_DIR / "static"
NODE_MODULES = WEB_DIR / "node_modules"

#: Public name -> (file under node_modules, media type). Nothing else is served from there.
VENDOR: dict[str, tuple[str, str]] = {
    "d3.min.js": ("d3/dist/d3.min.js", "text/javascript"),
    "topojson-client.min.js": ("topojson-client/dist/topojson-client.min.js", "text/javascript"),
    "countries-110m.json": ("world-atlas/countries-110m.json", "application/json"),
    "iso-codes.json": ("i18n-iso-countries/codes.json", "application/json"),
}

router = APIRouter(include_in_schema=False)


@router.get("/")
def index() -> FileResponse:
    return FileResponse(STATIC_DIR / "index.html", media_type="text/html")


@router.get("/vendor/{name}")
def vendor(name: str) -> FileResponse:
    entry = VENDOR.get(name)
    if entry is None:
        raise ApiError(404, "not found", [ProblemOut(message=f"no asset {name!r}", field="name")])
    path = NODE_MODULES / entry[0]
    if not path.is_file():
        raise ApiError(
            503,
            "dashboard assets not installed",
            [ProblemOut(message=f"{entry[0]} is missing: run `make install` (npm ci in web/)")],
        )
    return FileResponse(path, media_type=entry[1], headers={"Cache-Control": "max-age=3600"})
