"""Negotiation protocols: alternating offers and mediated single-text negotiation."""

from __future__ import annotations

from accord.bargaining.protocols.alternating import NegotiationResult, Offer, alternating_offers
from accord.bargaining.protocols.domain import LinearUtility, Outcome, outcome_grid
from accord.bargaining.protocols.mediated import Mediator, single_text

__all__ = [
    "LinearUtility",
    "Mediator",
    "NegotiationResult",
    "Offer",
    "Outcome",
    "alternating_offers",
    "outcome_grid",
    "single_text",
]
