"""`/api/health`: is the service up, which version, and do writes need a token."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter

from accord import __version__
from accord.api.services import Svc
from accord.jsonable import AsDict

router = APIRouter(prefix="/api", tags=["service"])


@dataclass(frozen=True)
class Health(AsDict):
    """The service's state: `ok`, its version, whether writes need a token, what it offers."""

    status: str
    version: str
    token_required: bool
    capabilities: tuple[str, ...]


@router.get("/health")
def health(svc: Svc) -> Health:
    """Liveness, version and what this server offers."""
    return Health(
        status="ok",
        version=__version__,
        token_required=svc.settings.token is not None,
        capabilities=tuple(sorted(svc.capabilities)),
    )
