"""Build staged tables from Python records (for formats parsed record by record, like JSON)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pyarrow as pa

STAGED_SCHEMA = pa.schema(
    [
        ("dataset", pa.string()),
        ("event_id", pa.string()),
        ("event_date", pa.date32()),
        ("source_actor", pa.string()),
        ("source_country_raw", pa.string()),
        ("source_sector", pa.string()),
        ("target_actor", pa.string()),
        ("target_country_raw", pa.string()),
        ("target_sector", pa.string()),
        ("cameo_code", pa.string()),
        ("quad_class", pa.int8()),
        ("goldstein", pa.float64()),
        ("plover_type", pa.string()),
        ("plover_mode", pa.string()),
        ("plover_context", pa.string()),
        ("mentions", pa.int32()),
        ("sources", pa.int32()),
        ("articles", pa.int32()),
        ("tone", pa.float64()),
        ("location_raw", pa.string()),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        ("file", pa.string()),
        ("line", pa.int64()),
        ("url", pa.string()),
        ("reject_reason", pa.string()),
        ("reject_field", pa.string()),
    ]
)


def staged_table(records: Sequence[Mapping[str, Any]]) -> pa.Table:
    """An Arrow table in the staged layout; keys a record lacks are NULL."""
    columns = {
        name: pa.array([r.get(name) for r in records], type=STAGED_SCHEMA.field(name).type)
        for name in STAGED_SCHEMA.names
    }
    return pa.table(columns, schema=STAGED_SCHEMA)
