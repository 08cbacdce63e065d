"""Relations between countries measured from events: dyad series, alerts, partners, blocs.

Every measure is written once over an Ibis table with the columns of the store's `events`
table, so it runs on the embedded DuckDB store or on Spark alike (`accord.relations.engine`).
UN voting affinity comes from ideal-point files instead of events.
"""

from accord.relations.affinity import (
    AffinityPoint,
    IdealPoint,
    IdealPoints,
    nearest,
    pair_affinity,
    read_ideal_points,
)
from accord.relations.alerts import Alert, AlertSettings, Driver, tension_alerts
from accord.relations.blocs import Blocs, signed_blocs
from accord.relations.dyad import DyadPoint, dyad_series, dyad_series_expr
from accord.relations.engine import Engine, duckdb_events, open_events
from accord.relations.network import signed_network
from accord.relations.partners import Partner, Profile, partners
from accord.relations.periods import Period
from accord.relations.smoothing import ewma

__all__ = [
    "AffinityPoint",
    "Alert",
    "AlertSettings",
    "Blocs",
    "Driver",
    "DyadPoint",
    "Engine",
    "IdealPoint",
    "IdealPoints",
    "Partner",
    "Period",
    "Profile",
    "duckdb_events",
    "dyad_series",
    "dyad_series_expr",
    "ewma",
    "nearest",
    "open_events",
    "pair_affinity",
    "partners",
    "read_ideal_points",
    "signed_blocs",
    "signed_network",
    "tension_alerts",
]
