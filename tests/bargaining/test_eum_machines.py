"""The expected utility model takes the same path whichever vector kernels NumPy picks for
this CPU: the forecast, the cycle and the round it is found are the same with every kernel
above NumPy's baseline switched off (`NPY_DISABLE_CPU_FEATURES`). Before each round's
utilities were rounded (`eum.DECIMALS`), the BDM 1994 case found a cycle of 18 at round 320
with AVX2 and none in 500 rounds with AVX-512 on an AMD EPYC (forecast 8.64, unsettled)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy._core._multiarray_umath as umath
import pytest

SCRIPT = """
import json, sys
from accord.bargaining import read_case
from accord.bargaining.models.eum import ExpectedUtilityModel
f = ExpectedUtilityModel().forecast(read_case(sys.argv[1])).issues[0]
c = f.convergence
print(json.dumps([f.forecast, c.status, c.period, c.start]))
"""


def _run(case: Path, disabled: list[str]) -> list[object]:
    env = {**os.environ, "NPY_DISABLE_CPU_FEATURES": " ".join(disabled)}
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(case)], env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    found: list[object] = json.loads(out.stdout)
    return found


def test_the_bdm_1994_path_does_not_move_with_the_cpus_kernels(shared: Path) -> None:
    above = [
        name
        for name in umath.__cpu_dispatch__
        if umath.__cpu_features__.get(name) and name not in umath.__cpu_baseline__
    ]
    if not above:
        pytest.skip("this CPU runs NumPy's baseline kernels only")
    case = shared / "bdm1994-eu-emissions.csv"
    every, baseline = _run(case, []), _run(case, above)
    assert every == baseline
    forecast, status, period, start = every
    assert forecast == pytest.approx(8.7587, abs=1e-4)
    assert (status, period) == ("cycle", 18)
    assert 8 < start <= 500  # type: ignore[operator]
