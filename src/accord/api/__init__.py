"""The Accord service: a FastAPI app over world, relations, forecasts and simulations, and the
browser dashboard it serves. Start it with `accord serve`."""

from accord.api.app import create_app
from accord.api.settings import Settings, is_loopback

__all__ = ["Settings", "create_app", "is_loopback"]
