"""The state of the diplomatic system on any date: actors, their ties, and queries over them."""

from accord.world.actors import (
    Actor,
    NonStateActor,
    NonStateKind,
    Organization,
    OrgKind,
    State,
    StateStatus,
)
from accord.world.dates import Interval
from accord.world.default import default_world
from accord.world.files import read_world_dir, write_world_dir
from accord.world.model import AllyLink, SanctionLink, Ties, World, WorldRecords
from accord.world.persist import load_world, save_world
from accord.world.session import open_world
from accord.world.ties import (
    Alliance,
    AllianceMember,
    Capability,
    Membership,
    Obligation,
    Representation,
    RepresentationLevel,
    Role,
    SanctionKind,
    SanctionRegime,
    SanctionSender,
    Treaty,
    TreatyKind,
    TreatyParty,
)

__all__ = [
    "Actor",
    "Alliance",
    "AllianceMember",
    "AllyLink",
    "Capability",
    "Interval",
    "Membership",
    "NonStateActor",
    "NonStateKind",
    "Obligation",
    "OrgKind",
    "Organization",
    "Representation",
    "RepresentationLevel",
    "Role",
    "SanctionKind",
    "SanctionLink",
    "SanctionRegime",
    "SanctionSender",
    "State",
    "StateStatus",
    "Ties",
    "Treaty",
    "TreatyKind",
    "TreatyParty",
    "World",
    "WorldRecords",
    "default_world",
    "load_world",
    "open_world",
    "read_world_dir",
    "save_world",
    "write_world_dir",
]
