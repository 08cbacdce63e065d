"""The shipped ontology matches the published reference tables in ../shared/data."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from accord.events import ontology


def _tsv(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    return {r[0]: r[1] for r in rows[1:] if r}


def test_goldstein_weights_are_gdelts(shared_data: Path) -> None:
    published = _tsv(shared_data / "cameo" / "CAMEO.goldsteinscale.txt")
    shipped = ontology.cameo_codes()
    assert set(shipped) == set(published)
    for code, weight in published.items():
        assert shipped[code].goldstein == float(weight), code


def test_code_names_are_gdelts(shared_data: Path) -> None:
    published = _tsv(shared_data / "cameo" / "CAMEO.eventcodes.txt")
    shipped = ontology.cameo_codes()
    assert {c: e.name for c, e in shipped.items()} == {c: n.strip() for c, n in published.items()}


def test_roots_and_quad_classes_follow_gdelt_convention(shared_data: Path) -> None:
    expected = {**dict.fromkeys(range(1, 6), 1), **dict.fromkeys(range(6, 10), 2)}
    expected |= {**dict.fromkeys(range(10, 15), 3), **dict.fromkeys(range(15, 21), 4)}
    for code, entry in ontology.cameo_codes().items():
        assert entry.root == code[:2]
        assert entry.quad_class == expected[int(code[:2])], code
    assert ontology.quad_class_of_root("14") == 3
    assert ontology.quad_class_of_root("21") is None


def test_known_disagreement_016_uses_gdelt_weight(shared_data: Path) -> None:
    # GDELT's table and the ICEWS table disagree on 016; we ship GDELT's value.
    published = _tsv(shared_data / "cameo" / "CAMEO.goldsteinscale.txt")
    assert ontology.goldstein("016") == float(published["016"])


def test_plover_mapping_matches_cameo2plover(shared_data: Path) -> None:
    text = (shared_data / "plover" / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8")
    expected: dict[str, tuple[str, str, str]] = {}
    for raw in text.splitlines():
        body = raw.split("#", 1)[0].strip()
        match = re.fullmatch(r"(\d{2,4}):\s*(.*)", body)
        if not match:
            continue
        parts = [p.strip() for p in match.group(2).split(",")] + ["", ""]
        context = ";".join(c.strip() for c in parts[2].split(";") if c.strip())
        expected.setdefault(match.group(1), (parts[0], parts[1], context))
    shipped = {
        c: (m.plover_type, m.plover_mode, m.plover_context)
        for c, m in ontology.plover_mappings().items()
    }
    assert shipped == expected
    assert ontology.plover("042") == ontology.PloverMapping("042", "CONSULT", "visit", "")
    # a code PLOVER does not list falls back to its base code
    assert ontology.plover("0841") is not None


def test_plover_quads_cover_every_type() -> None:
    types = {m.plover_type for m in ontology.plover_mappings().values()}
    assert types <= set(ontology.PLOVER_QUAD)


def test_shipped_plover_file_keeps_attribution() -> None:
    header = (ontology.DATA_DIR / "cameo_plover.csv").read_text(encoding="utf-8")[:800]
    assert "CC BY-SA 4.0" in header and "openeventdata/PLOVER" in header
