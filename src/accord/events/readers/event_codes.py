"""The table of event codes staged rows are joined with: root, quad class, Goldstein weight and
PLOVER mapping of every code the CAMEO codebook knows, under each way a file writes it.

CAMEO event codes are texts of three or four digits; the roots 01 to 09 start with a zero. A
file that went through a numeric type (pandas or R reading the column as integers, a
spreadsheet) lost that zero: 010 became 10, 0211 became 211. Such a written form is read as
the code it was, not as another code: 10 to 20 are also roots of the codebook (DEMAND to
USE UNCONVENTIONAL MASS VIOLENCE), but event files carry codes, not roots, so 10 is 010 (make
a statement); a three-digit code of the codebook (100 to 209) stays itself."""

from __future__ import annotations

from functools import lru_cache

import pyarrow as pa

from accord.events import ontology

_CODES_SCHEMA = pa.schema(
    [
        ("written", pa.string()),
        ("code", pa.string()),
        ("root", pa.string()),
        ("quad_class", pa.int8()),
        ("goldstein", pa.float64()),
        ("plover_type", pa.string()),
        ("plover_mode", pa.string()),
        ("plover_context", pa.string()),
    ]
)


@lru_cache(maxsize=1)
def codes_table() -> pa.Table:
    """Every event code a file may carry (2 to 4 digits, `written`) that the codebook knows,
    directly or through its base code or root, with the code it stands for (`code`), its root,
    quad class, Goldstein weight and PLOVER mapping: joined with staged rows on `written`, a
    code missing from it is an unknown code."""
    entries = {code: code for code in _known_codes()}
    for code in ontology.cameo_codes():  # the codebook's own codes, not those known through
        lost = code[1:]  # their base or root
        if code.startswith("0") and len(code) >= 3 and (len(lost) == 2 or lost not in entries):
            entries[lost] = code  # written without its leading zero
    rows: dict[str, list[object]] = {name: [] for name in _CODES_SCHEMA.names}
    for written, code in sorted(entries.items()):
        entry = ontology.lookup(code)
        assert entry is not None  # a known code
        mapping = ontology.plover(code)
        rows["written"].append(written)
        rows["code"].append(code)
        rows["root"].append(code[:2])
        rows["quad_class"].append(entry.quad_class)
        rows["goldstein"].append(entry.goldstein)
        rows["plover_type"].append(mapping.plover_type if mapping else None)
        rows["plover_mode"].append((mapping.plover_mode or None) if mapping else None)
        rows["plover_context"].append((mapping.plover_context or None) if mapping else None)
    return pa.table(rows, schema=_CODES_SCHEMA)


def _known_codes() -> list[str]:
    """The codes of 2 to 4 digits (zeros included) the codebook knows, directly or through
    their base code or root, in order."""
    codes = (str(n).zfill(digits) for digits in (2, 3, 4) for n in range(10**digits))
    return [code for code in codes if ontology.lookup(code) is not None]
