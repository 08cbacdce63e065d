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
from accord.relations.alerts import Alert, AlertSettings, Driver, EventRef, tension_alerts
from accord.relations.blocs import Blocs, signed_blocs
from accord.relations.dyad import DyadPoint, DyadSeries, dyad_report, dyad_series, dyad_series_expr
from accord.relations.engine import Engine, duckdb_events, open_events
from accord.relations.measures import SECTOR_NAMES, EventScope, event_scope
from accord.relations.network import signed_network
from accord.relations.network_blocs import NetworkBlocs, NetworkEdge, NetworkNode, network_blocs
from accord.relations.partners import Partner, Profile, partners
from accord.relations.periods import Period
from accord.relations.smoothing import ewma
from accord.relations.standing import (
    Standing,
    StateScore,
    closest_partners,
    profile_with_partners,
    standing,
)

__all__ = [
    "SECTOR_NAMES",
    "AffinityPoint",
    "Alert",
    "AlertSettings",
    "Blocs",
    "Driver",
    "DyadPoint",
    "DyadSeries",
    "Engine",
    "EventRef",
    "EventScope",
    "IdealPoint",
    "IdealPoints",
    "NetworkBlocs",
    "NetworkEdge",
    "NetworkNode",
    "Partner",
    "Period",
    "Profile",
    "Standing",
    "StateScore",
    "closest_partners",
    "duckdb_events",
    "dyad_report",
    "dyad_series",
    "dyad_series_expr",
    "event_scope",
    "ewma",
    "nearest",
    "network_blocs",
    "open_events",
    "pair_affinity",
    "partners",
    "profile_with_partners",
    "read_ideal_points",
    "signed_blocs",
    "signed_network",
    "standing",
    "tension_alerts",
]
