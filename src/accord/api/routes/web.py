"""The dashboard: its pages and scripts, and the third-party assets installed from npm.

Static sources live in `accord/web/static`; vendor assets are served from `accord/web/vendor`,
which `npm ci` (its postinstall script, after package.json's "vendor" table) fills from
node_modules and the wheel ships, through a fixed table of names, so no request path ever
reaches the file system beyond those files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse

from accord.api.problems import ApiError, ProblemOut

WEB_DIR = Path(__file__).resolve().parents[2] / "web"
STATIC_DIR = WEB_DIR / "static"
VENDOR_DIR = WEB_DIR / "vendor"

#: Public name -> media type of the assets in VENDOR_DIR. Nothing else is served from there.
VENDOR: dict[str, str] = {
    "d3.min.js": "text/javascript",
    "topojson-client.min.js": "text/javascript",
    "countries-110m.json": "application/json",
    "iso-codes.json": "application/json",
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui.css": "text/css",
}

router = APIRouter(include_in_schema=False)


@router.get("/")
def index() -> FileResponse:
    """The dashboard's single page."""
    return FileResponse(STATIC_DIR / "index.html", media_type="text/html")


@router.get("/exercise.html")
def exercise_page(
    session: Annotated[str | None, Query(max_length=200)] = None,
    token: Annotated[str | None, Query(max_length=200)] = None,
) -> FileResponse:
    """One exercise session's page: the invite link a player opens, the facilitator's console
    (`?session=<id>&token=<token>`: the page's script reads them; the server only serves it)."""
    del session, token
    return FileResponse(STATIC_DIR / "exercise.html", media_type="text/html")


@router.get("/docs")
def docs() -> FileResponse:
    """The API reference (Swagger UI) from vendored assets: no CDN, no inline script."""
    return FileResponse(STATIC_DIR / "docs.html", media_type="text/html")


@router.get("/vendor/{name}")
def vendor(name: str) -> FileResponse:
    media_type = VENDOR.get(name)
    if media_type is None:
        raise ApiError(404, "not found", [ProblemOut(message=f"no asset {name!r}", field="name")])
    path = VENDOR_DIR / name
    if not path.is_file():
        raise ApiError(
            503,
            "dashboard assets not installed",
            [ProblemOut(message=f"vendor/{name} is missing: run `make install` (npm ci in web/)")],
        )
    return FileResponse(path, media_type=media_type, headers={"Cache-Control": "max-age=3600"})
