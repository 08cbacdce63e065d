"""The table of event codes staged rows are joined with: root, quad class, Goldstein weight and
PLOVER mapping of every code the CAMEO codebook knows."""

from __future__ import annotations

from functools import lru_cache

import pyarrow as pa

from accord.events import ontology

_CODES_SCHEMA = pa.schema(
    [
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
    """Every event code a file may carry (2 to 4 digits) that the codebook knows, directly or
    through its base code or root, with its root, quad class, Goldstein weight and PLOVER
    mapping: joined with staged rows, a code missing from it is an unknown code."""
    rows: dict[str, list[object]] = {name: [] for name in _CODES_SCHEMA.names}
    for digits in (2, 3, 4):
        for number in range(10**digits):
            code = str(number).zfill(digits)
            entry = ontology.lookup(code)
            if entry is None:
                continue
            mapping = ontology.plover(code)
            rows["code"].append(code)
            rows["root"].append(code[:2])
            rows["quad_class"].append(entry.quad_class)
            rows["goldstein"].append(entry.goldstein)
            rows["plover_type"].append(mapping.plover_type if mapping else None)
            rows["plover_mode"].append((mapping.plover_mode or None) if mapping else None)
            rows["plover_context"].append((mapping.plover_context or None) if mapping else None)
    return pa.table(rows, schema=_CODES_SCHEMA)
