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
from accord.world.coverage import Coverage
from accord.world.dates import Interval
from accord.world.default import default_actors, default_fingerprint, default_world
from accord.world.files import read_world_dir, write_world_dir
from accord.world.model import (
    AllyLink,
    SanctionLink,
    Ties,
    TreatyStanding,
    World,
    WorldRecords,
)
from accord.world.origin import WorldOrigin
from accord.world.persist import load_world, save_world
from accord.world.reports import ActorProfile, actor_profile
from accord.world.session import open_actors, open_world
from accord.world.standing import TieScore, tie_scores
from accord.world.ties import (
    Alliance,
    AllianceMember,
    Capability,
    Consent,
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
    TreatyStatus,
    TreatySuspension,
)

__all__ = [
    "Actor",
    "ActorProfile",
    "Alliance",
    "AllianceMember",
    "AllyLink",
    "Capability",
    "Consent",
    "Coverage",
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
    "TieScore",
    "Ties",
    "Treaty",
    "TreatyKind",
    "TreatyParty",
    "TreatyStanding",
    "TreatyStatus",
    "TreatySuspension",
    "World",
    "WorldOrigin",
    "WorldRecords",
    "actor_profile",
    "default_actors",
    "default_fingerprint",
    "default_world",
    "load_world",
    "open_actors",
    "open_world",
    "read_world_dir",
    "save_world",
    "tie_scores",
    "write_world_dir",
]
