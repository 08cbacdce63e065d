"""Run the benchmarks: `python -m benchmarks [AREA ...]` (all areas when none is named).

Every area lives in `benchmarks/<area>/run.py` and exposes `main() -> None`, which measures
Accord against a baseline in the same run and prints the ratios.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def _areas() -> list[str]:
    here = Path(__file__).parent
    return sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.ispkg)


def main(argv: list[str]) -> int:
    areas = argv or _areas()
    unknown = sorted(set(areas) - set(_areas()))
    if unknown:
        print(f"unknown benchmark area(s): {', '.join(unknown)}; known: {', '.join(_areas())}")
        return 2
    for area in areas:
        print(f"== benchmarks/{area} ==", flush=True)
        importlib.import_module(f"benchmarks.{area}.run").main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
