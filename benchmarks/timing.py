"""The one way every benchmark times a side, so that Accord and each peer are measured alike.

A side is a *setup function* `setup(*args: str) -> Job`, named as "module:function". Setup (data
loading, imports, building inputs) runs outside the timing. The job's `run()` is then called
`warmup` times untimed and `repeat` times timed; `before()`, if given, runs before every call,
also untimed (e.g. deleting the store the previous call wrote). For each timed call we record
the wall time (`perf_counter`) and the CPU time of the process (`process_time`: every thread,
user and system; a child process is not counted, so a side that starts one must report it).

`measure(...)` runs each side in a fresh Python process, so that the peak resident memory
reported is that side's own: the process's high-water mark (VmHWM) is reset after setup, where
Linux allows it, and read after the last call, so the figure covers the warm-ups and the timed
calls and includes what setup left resident (the inputs). Where the reset is not possible the
figure is the process's whole-life peak (`ru_maxrss`), and says so.

The side's output (the last call's result, through `Job.output` if given, untimed) must be
JSON-able; the benchmark compares the outputs of all sides (`check_same`) and stops when they
differ. A dict output may carry an "extra" entry: printed figures that are not compared.
`report` prints every side's wall (best and median), CPU and peak memory and the ratios.
"""

from __future__ import annotations

import importlib
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

WARMUP = 1
REPEAT = 3


@dataclass
class Job:
    """What a setup function returns: the call to time, an optional untimed preparation before
    each call, and an optional untimed conversion of the last call's result into the JSON-able
    output the sides are compared on."""

    run: Callable[[], Any]
    before: Callable[[], None] | None = None
    output: Callable[[Any], Any] | None = None


@dataclass
class Timing:
    """The figures of one side."""

    label: str
    wall: list[float]
    cpu: list[float]
    peak_mb: float
    peak_scope: str  # "work" (reset after setup) or "process" (whole life)
    output: Any = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def best(self) -> float:
        return min(self.wall)

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def cpu_best(self) -> float:
        return min(self.cpu)

    def line(self, unit: str = "s") -> str:
        scale = 1e3 if unit == "ms" else 1.0
        return (
            f"{self.label:<34} wall best {self.best * scale:9.3f} {unit}, median "
            f"{self.median * scale:9.3f} {unit}; CPU best {self.cpu_best * scale:9.3f} {unit}; "
            f"peak {self.peak_mb:7.0f} MB ({self.peak_scope})"
        )


def _reset_peak() -> str:
    """Reset this process's resident high-water mark (Linux: `5` into clear_refs)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return "process"
    return "work"


def _peak_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def time_job(
    job: Job, warmup: int = WARMUP, repeat: int = REPEAT
) -> tuple[list[float], list[float], Any]:
    """(walls, cpus, last output) of `repeat` timed calls after `warmup` untimed ones."""
    walls: list[float] = []
    cpus: list[float] = []
    out: Any = None
    for k in range(warmup + repeat):
        if job.before is not None:
            job.before()
        w0, c0 = time.perf_counter(), time.process_time()
        out = job.run()
        w1, c1 = time.perf_counter(), time.process_time()
        if k >= warmup:
            walls.append(w1 - w0)
            cpus.append(c1 - c0)
    return walls, cpus, out


def _resolve(target: str) -> Callable[..., Job | Callable[[], Any]]:
    module, _, name = target.partition(":")
    fn: Callable[..., Job | Callable[[], Any]] = getattr(importlib.import_module(module), name)
    return fn


def _child(target: str, label: str, warmup: int, repeat: int, args: list[str]) -> None:
    made = _resolve(target)(*args)
    job = made if isinstance(made, Job) else Job(made)
    scope = _reset_peak()
    walls, cpus, out = time_job(job, warmup, repeat)
    peak = _peak_mb()  # before the output is converted
    if job.output is not None:
        out = job.output(out)
    extra: dict[str, Any] = {}
    if isinstance(out, dict) and "extra" in out:
        extra = out.pop("extra")
    result = {
        "label": label,
        "wall": walls,
        "cpu": cpus,
        "peak_mb": peak,
        "peak_scope": scope,
        "output": out,
        "extra": extra,
    }
    sys.stdout.write("\n@@timing@@" + json.dumps(result, default=str) + "\n")


def measure(
    label: str,
    target: str,
    *args: str,
    warmup: int = WARMUP,
    repeat: int = REPEAT,
    cpus: Sequence[int] | None = None,
) -> Timing:
    """Time the side `target` ("module:setup_function", called with `args`) in a fresh process,
    pinned to `cpus` when given and the platform allows."""
    cmd = [sys.executable, "-m", "benchmarks.timing", target, label, str(warmup), str(repeat)]
    env = {**os.environ, "PYTHONHASHSEED": "0"}

    def pin() -> None:
        if cpus is not None and hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(0, set(cpus))

    done = subprocess.run(
        [*cmd, *args], capture_output=True, text=True, env=env, preexec_fn=pin, check=False
    )
    if done.returncode != 0 or "@@timing@@" not in done.stdout:
        sys.stderr.write(done.stdout[-4000:] + done.stderr[-4000:])
        raise SystemExit(f"benchmark side {label!r} ({target}) failed")
    data = json.loads(done.stdout.rsplit("@@timing@@", 1)[1])
    return Timing(**data)


def check_same(what: str, reference: Timing, *others: Timing) -> None:
    """Stop the benchmark when any side's output differs from the reference side's."""
    for other in others:
        if other.output != reference.output:
            detail = _first_difference(reference.output, other.output)
            raise SystemExit(
                f"OUTPUTS DIFFER: {what}: {reference.label!r} and {other.label!r} disagree "
                f"({detail})"
            )
    names = ", ".join(t.label for t in (reference, *others))
    print(f"  outputs checked equal: {what} ({names})")


def _first_difference(a: Any, b: Any) -> str:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b), key=str):
            if a.get(key) != b.get(key):
                return f"{key}: {str(a.get(key))[:200]} vs {str(b.get(key))[:200]}"
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{len(a)} vs {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                return f"item {i}: {str(x)[:200]} vs {str(y)[:200]}"
    return f"{str(a)[:200]} vs {str(b)[:200]}"


def report(ours: Timing, *baselines: Timing, unit: str = "s") -> None:
    """Print every side's wall, CPU and peak memory, and each baseline's ratio to Accord's
    (above 1: Accord is faster / smaller)."""
    for t in (ours, *baselines):
        print("  " + t.line(unit))
    for b in baselines:
        print(
            f"  {b.label} / {ours.label}: wall {b.best / ours.best:.2f}x best, "
            f"{b.median / ours.median:.2f}x median; CPU {b.cpu_best / ours.cpu_best:.2f}x; "
            f"peak memory {b.peak_mb / ours.peak_mb:.2f}x"
        )
    sys.stdout.flush()


def split_cores() -> tuple[list[int], list[int]] | None:
    """Two disjoint sets of this process's CPUs (server, load generator), or None when fewer
    than two are available or affinity cannot be set."""
    if not hasattr(os, "sched_getaffinity"):
        return None
    mine = sorted(os.sched_getaffinity(0))
    if len(mine) < 2:
        return None
    return mine[:-1], mine[-1:]


if __name__ == "__main__":
    # through the package, so that `Job` is the class the setup functions import
    from benchmarks.timing import _child as child

    child(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5:])
