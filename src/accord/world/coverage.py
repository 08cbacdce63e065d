"""Whether a list of participants is complete: a treaty's parties or an organization's members.

A partial list answers "not recorded" for an actor it does not name, not "not a party" or "not
a member": every face that shows such a list says so. Where it is known which participants a
partial list lacks (`missing`), only those are "not recorded"; any other actor it does not name
is not a participant.
"""

from __future__ import annotations

from enum import StrEnum

from accord.world.validation import FieldError, require_code


class Coverage(StrEnum):
    """Whether the records list every participant (`complete`) or only some (`partial`)."""

    COMPLETE = "complete"
    PARTIAL = "partial"


def check_missing(coverage: Coverage, missing: tuple[str, ...]) -> None:
    """`missing` (the participants a list lacks, when known) names codes, once each, and only
    on a partial list."""
    for code in missing:
        require_code("missing", code)
    if len(set(missing)) != len(missing):
        raise FieldError("missing", "a code is listed twice")
    if missing and coverage is not Coverage.PARTIAL:
        raise FieldError("missing", "participants missing from a list whose coverage is complete")
