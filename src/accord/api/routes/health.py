"""`/api/health`: is the service up, which version, and do writes need a token."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from accord import __version__
from accord.api.services import Svc

router = APIRouter(prefix="/api", tags=["service"])


class HealthOut(BaseModel):
    status: str
    version: str
    token_required: bool
    capabilities: list[str]


@router.get("/health", response_model=HealthOut)
def health(svc: Svc) -> HealthOut:
    """Liveness, version and what this server offers."""
    return HealthOut(
        status="ok",
        version=__version__,
        token_required=svc.settings.token is not None,
        capabilities=sorted(svc.capabilities),
    )
