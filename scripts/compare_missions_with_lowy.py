"""Validate a candidate source of diplomatic-network sizes against the Lowy Global Diplomacy Index.

The default world's `diplomatic_missions` and `embassies` rows come from the Lowy Institute's
Global Diplomacy Index (66 networks; see scripts/compile_capabilities.py). A source that would
cover the other UN members (a directed-dyad embassy dataset counted per sending state, an
OpenStreetMap or Wikidata extract, ...) is shipped only if its counts agree with Lowy's for the
networks both cover in the same year. This script measures that agreement.

The candidate file is a CSV with the columns actor (ISO3, as in states.csv), year and value.
For every (actor, year) that both the candidate and the shipped file hold for the chosen Lowy
indicator, the relative difference is (candidate - lowy) / lowy. The script prints the number of
pairs, the median of the absolute relative differences and the worst ones, and exits 1 when the
median or the worst exceeds the thresholds (defaults: 10 % and 25 %), 0 otherwise.

Usage (from the repository root):

    python scripts/compare_missions_with_lowy.py CANDIDATE.csv [--indicator embassies] \
        [--max-median 0.10] [--max-worst 0.25]
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CAPABILITIES = ROOT / "src" / "accord" / "world" / "data" / "capabilities.csv"
LOWY = "Lowy Institute, Global Diplomacy Index"

Counts = dict[tuple[str, int], float]


def read_counts(path: Path) -> Counts:
    """{(actor, year): value} of a candidate CSV (columns actor, year, value)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            (row["actor"].strip(), int(row["year"])): float(row["value"])
            for row in csv.DictReader(handle)
            if row["value"].strip()
        }


def read_lowy(path: Path, indicator: str) -> Counts:
    """{(actor, year): value} of the shipped Lowy rows of one indicator."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            (row["actor"], int(row["year"])): float(row["value"])
            for row in csv.DictReader(handle)
            if row["indicator"] == indicator and row["source"].startswith(LOWY)
        }


def relative_differences(candidate: Counts, reference: Counts) -> dict[tuple[str, int], float]:
    """(candidate - reference) / reference for every key both hold (reference values > 0)."""
    return {
        key: (candidate[key] - value) / value
        for key, value in reference.items()
        if key in candidate and value > 0
    }


def summarise(differences: dict[tuple[str, int], float], worst: int = 5) -> str:
    """The number of pairs, the median absolute difference and the worst pairs, as text."""
    if not differences:
        return "no (actor, year) in common with Lowy"
    ranked = sorted(differences.items(), key=lambda item: -abs(item[1]))
    median = statistics.median(abs(d) for d in differences.values())
    lines = [
        f"pairs compared: {len(differences)}",
        f"median |relative difference|: {median:.1%}",
        "worst: "
        + ", ".join(f"{actor} {year} {diff:+.1%}" for (actor, year), diff in ranked[:worst]),
    ]
    return "\n".join(lines)


def passes(differences: dict[tuple[str, int], float], max_median: float, max_worst: float) -> bool:
    """Whether the candidate agrees with Lowy within both thresholds."""
    if not differences:
        return False
    sizes = [abs(d) for d in differences.values()]
    return statistics.median(sizes) <= max_median and max(sizes) <= max_worst


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("candidate", type=Path, help="CSV with columns actor, year, value")
    parser.add_argument(
        "--indicator",
        default="diplomatic_missions",
        choices=["diplomatic_missions", "embassies"],
        help="the Lowy indicator the candidate measures (all posts, or embassies only)",
    )
    parser.add_argument("--capabilities", type=Path, default=CAPABILITIES)
    parser.add_argument("--max-median", type=float, default=0.10)
    parser.add_argument("--max-worst", type=float, default=0.25)
    args = parser.parse_args(argv)
    differences = relative_differences(
        read_counts(args.candidate), read_lowy(args.capabilities, args.indicator)
    )
    print(summarise(differences))
    ok = passes(differences, args.max_median, args.max_worst)
    print("agrees with Lowy" if ok else "does not agree with Lowy: do not ship as this indicator")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
