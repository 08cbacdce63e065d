"""The column contract of readers: what a reader stages, and what a normalised batch holds.

A reader stages `STAGED_COLUMNS`: dataset, event_id, event_date (DATE or NULL), actors and
sectors, `source_country_raw` / `target_country_raw` (codes or names as written), cameo_code,
quad_class and goldstein when the file carries them (else NULL), PLOVER fields when the file has
them, counts, tone, `location_raw` (a place name ending with its country), lat, lon, file, line,
url, and reject_reason / reject_field for problems only the reader can see. Normalising turns
them into `BATCH_COLUMNS`.
"""

from __future__ import annotations

from accord.events.schema import EVENT_COLUMN_NAMES

STAGED_COLUMNS = (
    "dataset",
    "event_id",
    "event_date",
    "source_actor",
    "source_country_raw",
    "source_sector",
    "target_actor",
    "target_country_raw",
    "target_sector",
    "cameo_code",
    "quad_class",
    "goldstein",
    "plover_type",
    "plover_mode",
    "plover_context",
    "mentions",
    "sources",
    "articles",
    "tone",
    "location_raw",
    "lat",
    "lon",
    "file",
    "line",
    "url",
    "reject_reason",
    "reject_field",
)

#: The columns of every batch a reader yields: the events columns, then the verdict.
BATCH_COLUMNS = (*EVENT_COLUMN_NAMES, "reject_reason", "reject_field")
