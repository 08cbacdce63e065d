"""The one embedded DuckDB store: connection, versioned schemas, transactions."""

from accord.store.database import Store, default_db_path, first_int, write_generation
from accord.store.schema import Schema

__all__ = ["Schema", "Store", "default_db_path", "first_int", "write_generation"]
