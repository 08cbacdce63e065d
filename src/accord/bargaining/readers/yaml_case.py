"""Reader of the YAML case format, the one users write by hand.

```yaml
name: EU car emissions
issues:
  - {name: emissions, low: 4, high: 10}
  - {name: venue, options: [Brussels, Geneva, Vienna]}
status_quo: {emissions: 4}          # optional
outcome: {emissions: 8.5}           # optional, for backtesting
stakeholders:
  - name: Germany
    actor: DEU                      # optional link to a world actor code
    capability: 0.16
    positions: {emissions: 4, venue: Geneva}
    saliences: {emissions: 0.8, venue: 0.2}
```

Discrete positions may be given by option name or index. Errors name the line of the node.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import yaml

from accord.bargaining.case import (
    Case,
    Issue,
    Stakeholder,
    check_option_bounds,
    check_options,
)
from accord.bargaining.limits import MAX_MAGNITUDE
from accord.bargaining.readers._common import Problems, read_text, shorten
from accord.errors import InputError
from accord.safe_yaml import compose_yaml, refuse_repeated_keys


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _mapping(node: yaml.Node | None) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): v for k, v in node.value}


def _line_of(m: dict[str, yaml.Node], key: str, item: yaml.Node) -> int:
    """The line of `key`'s value in the mapping `m`, else of the mapping `item` itself."""
    return _line(m[key]) if key in m else _line(item)


#: The keys of a case file, of an issue and of a stakeholder (`docs/bargaining.md`).
_CASE_KEYS = ("name", "description", "source", "issues", "stakeholders", "status_quo", "outcome")
_ISSUE_KEYS = ("name", "low", "high", "description", "options")
_STAKEHOLDER_KEYS = ("name", "actor", "capability", "positions", "saliences")


def _unknown_keys(
    node: yaml.Node | None, known: tuple[str, ...], where: str, problems: Problems
) -> None:
    """Report each key of the mapping `node` that is not in `known` (a misspelt `outcome`
    would otherwise be ignored, and change no answer but silently)."""
    if not isinstance(node, yaml.MappingNode):
        return
    for key_node, _ in node.value:
        key = str(key_node.value)
        if key not in known:
            near = difflib.get_close_matches(key, known, n=1)
            hint = f" (did you mean {near[0]!r}?)" if near else f"; known: {', '.join(known)}"
            problems.add(f"unknown key {key!r}{hint}", _line(key_node), f"{where}{key}")


def _scalar(node: yaml.Node | None) -> Any:
    return node.value if isinstance(node, yaml.ScalarNode) else None


#: The tag YAML gives `true`, `false`, `yes`, `no`, `on` and `off` written bare.
_BOOL = "tag:yaml.org,2002:bool"
#: The messages of a number too large for a model to add up (`Problems.magnitude`).
_BOUNDS = f"issue bounds must lie within -{MAX_MAGNITUDE:g} to {MAX_MAGNITUDE:g}"
_CAPABILITY = f"capability must be a number from 0 to {MAX_MAGNITUDE:g}"


def _number(
    node: yaml.Node | None,
    line: int,
    field: str,
    problems: Problems,
    *,
    low: float | None = None,
    high: float | None = None,
) -> float | None:
    """The number of a YAML value at (line, field), or None with a problem recorded: a
    boolean (`true`, `yes`...) is no number, whatever 1 or 0 Python would make of it."""
    if isinstance(node, yaml.ScalarNode) and node.tag == _BOOL:
        problems.add(f"expected a number, got the boolean {shorten(node.value)!r}", line, field)
        return None
    return problems.number(_scalar(node), line, field, low=low, high=high)


def load_yaml_nodes(path: Path, problems: Problems) -> yaml.Node | None:
    """Parse YAML into a node tree (which keeps line numbers) or record the syntax error;
    `accord.safe_yaml` refuses tags, deep nesting and alias bombs."""
    text = read_text(path)
    try:
        root = compose_yaml(text, str(path))
        if root is not None:
            refuse_repeated_keys(root, str(path))  # a second `stakeholders:` replaced the first
        return root
    except InputError as exc:
        problems.add(exc.first.message, exc.first.line, None)
    return None


def read_yaml_case(path: str | Path) -> Case:
    """Read a YAML case file into a Case."""
    path = Path(path)
    problems = Problems(str(path))
    root = load_yaml_nodes(path, problems)
    problems.raise_if_any()
    top = _mapping(root)
    if not top:
        problems.add("expected a mapping with issues and stakeholders", 1, None)
        problems.raise_if_any()
    _unknown_keys(root, _CASE_KEYS, "", problems)
    issues = _issues(top.get("issues"), problems)
    # an issue declared but unusable (its problem reported) is left out of every check of
    # the values naming it, not reported again as unknown at each of them
    by_name: dict[str, Issue | None] = dict.fromkeys(_declared(top.get("issues")))
    by_name.update({i.name: i for i in issues})
    stakeholders = _stakeholders(top.get("stakeholders"), by_name, problems)
    status_quo = _values(top.get("status_quo"), "status_quo", by_name, problems)
    outcome = _values(top.get("outcome"), "outcome", by_name, problems)
    problems.raise_if_any()
    return Case(
        name=str(_scalar(top.get("name")) or path.stem),
        issues=tuple(issues),
        stakeholders=tuple(stakeholders),
        status_quo=status_quo,
        outcome=outcome,
        source=str(path),
    )


def _issues(node: yaml.Node | None, problems: Problems) -> list[Issue]:
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        problems.add("'issues' must be a non-empty list", _line(node) if node else None, "issues")
        return []
    out: list[Issue] = []
    seen: dict[str, int] = {}
    for item in node.value:
        m = _mapping(item)
        name = _scalar(m.get("name"))
        if not name:
            problems.add("issue needs a name", _line(item), "issues.name")
            continue
        first = seen.setdefault(str(name), _line(item))
        if first != _line(item):
            problems.add(f"issue {name!r} appears twice (first on line {first})", _line(item), name)
            continue
        _unknown_keys(item, _ISSUE_KEYS, f"{name}.", problems)
        opts = m.get("options")
        if opts is not None:
            issue = _discrete(str(name), opts, problems)
            if issue is not None and not _option_bounds(m, item, issue, problems):
                continue
            if issue is not None:
                out.append(issue)
            continue
        low = _bound(m, "low", item, str(name), problems)
        high = _bound(m, "high", item, str(name), problems)
        if low is not None and high is not None:
            if high < low:  # at `low:`, as the API names `issues.<k>.low`
                at = _line_of(m, "low", item)
                problems.add(f"low ({low:g}) must be <= high ({high:g})", at, f"{name}.low")
            else:
                out.append(
                    Issue(
                        str(name), low, high, description=str(_scalar(m.get("description")) or "")
                    )
                )
    return out


def _bound(
    m: dict[str, yaml.Node], key: str, item: yaml.Node, name: str, problems: Problems
) -> float | None:
    """An issue's `low` or `high`: a number within the models' range, or None with a problem
    at its line."""
    at, field = _line_of(m, key, item), f"{name}.{key}"
    return problems.magnitude(_number(m.get(key), at, field, problems), at, field, _BOUNDS)


def _option_bounds(
    m: dict[str, yaml.Node], item: yaml.Node, issue: Issue, problems: Problems
) -> bool:
    """Whether a discrete issue's `low` and `high`, when given, are its first and last
    option's index (`check_option_bounds`); a problem at each other one's line."""
    given: dict[str, float | None] = {
        k: _bound(m, k, item, issue.name, problems) for k in ("low", "high") if k in m
    }
    if any(v is None for v in given.values()):
        return False
    try:
        check_option_bounds(issue.name, len(issue.options), given)
    except InputError as exc:
        for p in exc.problems:
            key = (p.field or "").rsplit(".", 1)[-1]
            problems.add(p.message, _line_of(m, key, item), p.field)
        return False
    return True


def _discrete(name: str, node: yaml.Node, problems: Problems) -> Issue | None:
    """A discrete issue from its `options` node (a list of at least two names, each once);
    None, with the problem at its line, otherwise."""
    field = f"{name}.options"
    if not isinstance(node, yaml.SequenceNode) or not all(
        isinstance(o, yaml.ScalarNode) and str(o.value).strip() for o in node.value
    ):
        problems.add("options must be a list of option names", _line(node), field)
        return None
    try:
        check_options(name, tuple(str(o.value).strip() for o in node.value))
        return Issue(name, options=tuple(str(o.value).strip() for o in node.value))
    except InputError as exc:
        problems.add(exc.problems[0].message, _line(node), field)
        return None


def _value(node: yaml.Node, issue: Issue, field: str, problems: Problems) -> float | None:
    raw = _scalar(node)
    if issue.discrete and raw in issue.options:
        return float(issue.options.index(raw))
    value = _number(node, _line(node), field, problems, low=issue.low, high=issue.high)
    if value is not None and issue.discrete and value != int(value):
        problems.add(f"option index must be a whole number, got {value:g}", _line(node), field)
        return None
    return value


def _declared(node: yaml.Node | None) -> list[str]:
    """The names the case's issues list gives, usable or not."""
    if not isinstance(node, yaml.SequenceNode):
        return []
    names = (_scalar(_mapping(item).get("name")) for item in node.value)
    return [str(name) for name in names if name]


def _values(
    node: yaml.Node | None, key: str, issues: dict[str, Issue | None], problems: Problems
) -> dict[str, float] | None:
    if node is None:
        return None
    out: dict[str, float] = {}
    for name, child in _mapping(node).items():
        if name not in issues:
            problems.add(f"unknown issue {name!r}", _line(child), f"{key}.{name}")
            continue
        issue = issues[name]
        if issue is None:
            continue
        value = _value(child, issue, f"{key}.{name}", problems)
        if value is not None:
            out[name] = value
    return out


def _stakeholders(
    node: yaml.Node | None, issues: dict[str, Issue | None], problems: Problems
) -> list[Stakeholder]:
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        problems.add(
            "'stakeholders' must be a non-empty list", _line(node) if node else None, "stakeholders"
        )
        return []
    out: list[Stakeholder] = []
    for item in node.value:
        m = _mapping(item)
        name = _scalar(m.get("name"))
        if not name:
            problems.add("stakeholder needs a name", _line(item), "stakeholders.name")
            continue
        _unknown_keys(item, _STAKEHOLDER_KEYS, f"{name}.", problems)
        at = _line_of(m, "capability", item)
        field = f"{name}.capability"
        cap = problems.magnitude(
            _number(m.get("capability"), at, field, problems, low=0), at, field, _CAPABILITY
        )
        if m.get("positions") is None:
            problems.add(f"stakeholder {name!r} has no positions", _line(item), f"{name}.positions")
        pos = _values(m.get("positions"), f"{name}.positions", issues, problems) or {}
        sal_node = m.get("saliences")
        sal: dict[str, float] = {}
        for issue, child in _mapping(sal_node).items():
            if issue not in issues:
                problems.add(f"unknown issue {issue!r}", _line(child), f"{name}.saliences.{issue}")
                continue
            if issues[issue] is None:
                continue
            v = _number(child, _line(child), f"{name}.saliences.{issue}", problems, low=0, high=1)
            if v is not None:
                sal[issue] = v
        given = _mapping(sal_node)
        for issue in pos:
            if issue not in given:  # a salience given but invalid is reported above
                problems.add(f"no salience for {issue!r}", _line(item), f"{name}.saliences")
        if cap is None:
            continue
        actor = _scalar(m.get("actor"))
        out.append(
            Stakeholder(
                name=str(name),
                capability=cap,
                positions=pos,
                saliences=sal,
                actor=str(actor) if actor else None,
            )
        )
    return out
