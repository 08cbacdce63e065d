"""Exercise benchmark: adjudication time per turn of a large session, and message delivery.

A generated exercise of `--roles` state delegations (40 by default: the G20 states and twenty
more), two of them played by people who each turn act, send a
message and propose at a table, the rest by AI counterparts; six negotiation tables of eight
parties with two issues each, an inject with a shock every turn and a decision point every
other turn; `--turns` weekly turns (12). The timed call plays the whole session (`advance` of
every turn after the two players' moves) on an in-memory store; the figures per turn are the
`advance` calls alone (rebuilding the world by replay, AI moves, adjudication, the write of
about 1,200 events a turn). Goal: under 1 s a turn.

Then message delivery over the live stream (`benchmarks/exercises/delivery.py`): a real server,
`--clients` connected viewers (50), `--messages` public messages (100); p50, p95 and max from a
message's POST to its arrival at each viewer. Goal: p95 under 100 ms.

    python -m benchmarks exercises [--roles N] [--turns T] [--warmup W] [--repeat R]
                                   [--clients C] [--messages M]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from benchmarks.timing import Job, measure, report

HERE = "benchmarks.exercises.run"
#: Forty states of the default world: the G20 states and twenty more from every region.
STATES = (
    "USA", "CHN", "JPN", "DEU", "IND", "GBR", "FRA", "ITA", "BRA", "CAN",
    "RUS", "KOR", "AUS", "MEX", "IDN", "SAU", "TUR", "ARG", "ZAF", "ESP",
    "NLD", "CHE", "POL", "SWE", "BEL", "NOR", "ISR", "ARE", "EGY", "NGA",
    "PAK", "VNM", "PHL", "THA", "MYS", "IRN", "UKR", "KEN", "ETH", "CHL",
)  # fmt: skip


def exercise_text(n_roles: int, turns: int) -> str:
    """A generated exercise: the first `n_roles` of `STATES` as state roles."""
    codes = list(STATES[:n_roles])
    roles = [
        {
            "id": c,
            "name": f"Delegation of {c}",
            "kind": "state",
            "public_brief": "p",
            "private_brief": "q",
            "strategy": ("boulware", "linear", "conceder")[k % 3],
            "objectives": [f"no war with {codes[(k + 1) % len(codes)]}"],
        }
        for k, c in enumerate(codes)
    ]
    tables = []
    for t in range(6):
        parties = codes[(t * 5) % len(codes) :][:8] or codes[:8]
        tables.append(
            {
                "id": f"t{t}",
                "title": f"Table {t}",
                "issues": [
                    {"name": "a", "low": 0, "high": 100},
                    {"name": "b", "low": 0, "high": 100},
                ],
                "parties": {
                    c: {
                        "capability": 10 + 5 * k,
                        "positions": {"a": (37 * k) % 101, "b": (53 * k + 20) % 101},
                        "salience": {"a": 0.3 + 0.05 * k, "b": 0.8 - 0.05 * k},
                    }
                    for k, c in enumerate(parties)
                },
            }
        )
    injects = [
        {
            "id": f"i{t}",
            "turn": t,
            "channel": "news",
            "text": f"Incident {t}",
            "effects": [
                {
                    "shock": {
                        "kind": "incident",
                        "a": codes[t % 10],
                        "b": codes[(t + 3) % 10],
                        "level": 2,
                    }
                }
            ],
        }
        for t in range(1, turns + 1)
    ]
    decisions = [
        {
            "id": f"d{t}",
            "role": codes[(t + 2) % len(codes)],
            "turn": t,
            "question": "?",
            "options": [
                {
                    "id": "soft",
                    "text": "s",
                    "effects": [
                        {
                            "event": {
                                "source": codes[(t + 2) % len(codes)],
                                "target": codes[0],
                                "action": "consult",
                            }
                        }
                    ],
                },
                {
                    "id": "hard",
                    "text": "h",
                    "effects": [
                        {
                            "event": {
                                "source": codes[(t + 2) % len(codes)],
                                "target": codes[0],
                                "action": "threaten",
                            }
                        }
                    ],
                },
            ],
        }
        for t in range(1, turns + 1, 2)
    ]
    doc = {
        "name": "bench",
        "title": "Benchmark session",
        "start": "2024-01-01",
        "turns": turns,
        "roles": roles,
        "tables": tables,
        "injects": injects,
        "decisions": decisions,
    }
    return yaml.safe_dump(doc, sort_keys=False)


def session(n_roles: str, turns: str) -> Job:
    """Setup: the exercise file and its prepared world (warm cache); the job plays it."""
    from accord.exercises import act, advance, propose, send_message, start_session
    from accord.exercises.engine import compiled
    from accord.store import Store

    n, t = int(n_roles), int(turns)
    folder = Path(tempfile.mkdtemp())
    path = folder / "bench.yaml"
    path.write_text(exercise_text(n, t), encoding="utf-8")
    exercise, _ = compiled(path.read_text(encoding="utf-8"), str(path))
    humans = [r.id for r in exercise.roles[:2]]
    per_turn: list[float] = []

    def run() -> dict[str, Any]:
        per_turn.clear()
        with Store(":memory:") as store:
            s = start_session(store, path, players={h: h for h in humans}, session_id="bench")
            events = 0
            for turn in range(1, t + 1):
                for k, h in enumerate(humans):
                    token = s.invites[h]
                    act(store, "bench", token, "consult", humans[1 - k])
                    send_message(store, "bench", token, [humans[1 - k]], f"turn {turn}")
                    if h in exercise.table("t0").roles:
                        propose(store, "bench", token, "t0", {"a": 50.0, "b": 50.0})
                w0 = time.perf_counter()
                events += advance(store, "bench", s.facilitator_token).events
                per_turn.append(time.perf_counter() - w0)
        return {
            "turns": t,
            "roles": n,
            "extra": {
                "events": events,
                "per_turn_median_s": round(statistics.median(per_turn), 4),
                "per_turn_max_s": round(max(per_turn), 4),
                "last_turn_s": round(per_turn[-1], 4),
            },
        }

    return Job(run)


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print the figures per turn."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks exercises")
    parser.add_argument("--roles", type=int, default=40)
    parser.add_argument("--turns", type=int, default=12)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--messages", type=int, default=100)
    args = parser.parse_args([] if argv is None else argv)
    timing = measure(
        "accord exercise session",
        f"{HERE}:session",
        str(args.roles),
        str(args.turns),
        warmup=args.warmup,
        repeat=args.repeat,
    )
    print(f"{args.roles} roles (2 played, {args.roles - 2} AI), {args.turns} turns:")
    report(timing)
    extra = timing.extra or (timing.output or {}).get("extra", {})
    print(
        f"  adjudication per turn: median {extra.get('per_turn_median_s')} s, "
        f"max {extra.get('per_turn_max_s')} s, last turn {extra.get('last_turn_s')} s "
        f"(goal < 1 s); {extra.get('events')} events written"
    )
    from benchmarks.exercises.delivery import delivery

    d = delivery(args.clients, args.messages)
    print(
        f"message delivery to {d['clients']} live streams ({d['messages']} messages, "
        f"{d['deliveries']} deliveries, {d['lost']} lost): p50 {d['p50_ms']} ms, "
        f"p95 {d['p95_ms']} ms, max {d['max_ms']} ms (goal p95 < 100 ms)"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
