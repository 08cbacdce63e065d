"""The one YAML loader of every YAML input: plain data only, bounded work, located errors.

Scenarios, negotiation scenarios, YAML cases and mapping files all come through here, so one
place decides what a YAML file may do. It has `yaml.safe_load` semantics (mappings, lists,
strings, numbers, booleans, null, dates) and refuses, with an `InputError` naming the file and
line, what could make a small file exhaust the machine or run code:

- text longer than `MAX_YAML_CHARS`;
- nesting deeper than `MAX_YAML_DEPTH` (`[[[[...` ten thousand deep used to raise
  `RecursionError`);
- more than `MAX_YAML_ALIASES` aliases, or a document that would expand, with its aliases
  followed, to more than `MAX_YAML_NODES` nodes ("billion laughs": 10 nested anchors of 9
  aliases each are 1e9 nodes written in 400 bytes);
- any tag outside plain YAML (`!!python/object/apply:os.system`, `!custom`).

The limits are checked while the document is composed, before any Python object is built.
This module is a leaf beside `accord.errors`: every layer may import it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import yaml

from accord.errors import InputError
from accord.files import read_bounded

__all__ = [
    "MAX_YAML_ALIASES",
    "MAX_YAML_CHARS",
    "MAX_YAML_DEPTH",
    "MAX_YAML_NODES",
    "YamlLimits",
    "compose_yaml",
    "construct_yaml",
    "load_yaml",
    "read_yaml_text",
    "refuse_repeated_keys",
]

#: Longest YAML text read (characters): 1 MB, a thousand times the largest shipped file
#: (libyaml composes about 200 KB a second on a shared core).
MAX_YAML_CHARS = 1_000_000
#: Deepest nesting of mappings and lists.
MAX_YAML_DEPTH = 100
#: Most aliases (`*name`) in one document.
MAX_YAML_ALIASES = 1_000
#: Most nodes of the document once every alias is followed (what a reader would walk).
MAX_YAML_NODES = 1_000_000

#: The tags of plain YAML data (what `yaml.safe_load` builds); any other tag is refused.
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in (
        *("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "binary"),
        *("merge", "omap", "pairs", "set"),
    )
)


class YamlLimits:
    """The limits one load applies (the module constants unless a caller narrows them)."""

    __slots__ = ("aliases", "depth", "nodes")

    def __init__(
        self,
        *,
        depth: int = MAX_YAML_DEPTH,
        aliases: int = MAX_YAML_ALIASES,
        nodes: int = MAX_YAML_NODES,
    ) -> None:
        self.depth, self.aliases, self.nodes = depth, aliases, nodes


class _Refused(Exception):
    """A limit or a tag refused while composing, with the line it was found on."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message, self.line = message, line


def _line(node_or_mark: Any) -> int | None:
    mark = getattr(node_or_mark, "start_mark", node_or_mark)
    return mark.line + 1 if mark is not None else None


class _Composer(yaml.SafeLoader):
    """SafeLoader that counts depth and aliases as it composes (used without libyaml)."""

    limits: YamlLimits = YamlLimits()

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._aliases = 0

    def fetch_flow_collection_start(self, TokenClass: Any) -> None:
        """Refuse `[` or `{` past the depth limit as the scanner meets it (scanning a deep flow
        collection to its end first costs time quadratic in its depth)."""
        if self.flow_level >= self.limits.depth:
            raise _Refused(
                f"nested deeper than {self.limits.depth} levels", self.get_mark().line + 1
            )
        super().fetch_flow_collection_start(TokenClass)

    def _here(self) -> int | None:
        """The line of the next event."""
        event: Any = self.peek_event()  # type: ignore[no-untyped-call]
        return _line(event)

    def compose_node(self, parent: Any, index: Any) -> Any:
        """Compose one node, refusing it past the depth or alias limit."""
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > self.limits.aliases:
                raise _Refused(f"more than {self.limits.aliases:,} aliases", self._here())
        self._depth += 1
        if self._depth > self.limits.depth:
            raise _Refused(f"nested deeper than {self.limits.depth} levels", self._here())
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        return node


def _without_dates(resolvers: dict[Any, Any]) -> dict[Any, Any]:
    """Implicit resolvers without the timestamp one (dates stay text)."""
    return {
        key: [(tag, regexp) for tag, regexp in found if tag != "tag:yaml.org,2002:timestamp"]
        for key, found in resolvers.items()
    }


class _NoDates(_Composer):
    """The same loader with dates left as text (readers that check dates themselves)."""


_NoDates.yaml_implicit_resolvers = _without_dates(yaml.SafeLoader.yaml_implicit_resolvers)

#: libyaml's loader when PyYAML was built with it: ten times faster than the pure-Python one
#: (150 KB of YAML took 6 s there), and its parser keeps no Python recursion.
_FAST: type | None = getattr(yaml, "CSafeLoader", None)
_FAST_NO_DATES: type | None = None
if _FAST is not None:
    _FAST_NO_DATES = type("_FastNoDates", (_FAST,), {})
    _FAST_NO_DATES.yaml_implicit_resolvers = _without_dates(  # type: ignore[attr-defined]
        _FAST.yaml_implicit_resolvers  # type: ignore[attr-defined]
    )

_STARTS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_TAGGED = (yaml.ScalarEvent, *_STARTS)


def _scan(text: str, loader: type, limits: YamlLimits) -> None:
    """Check depth, aliases and explicit tags on libyaml's event stream, before composing."""
    depth = aliases = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, _STARTS):
            depth += 1
            if depth > limits.depth:
                raise _Refused(f"nested deeper than {limits.depth} levels", _line(event))
        elif isinstance(event, _ENDS):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > limits.aliases:
                raise _Refused(f"more than {limits.aliases:,} aliases", _line(event))
        tag = event.tag if isinstance(event, _TAGGED) else None
        if tag is not None and tag != "!" and tag not in _PLAIN_TAGS:
            raise _Refused(_tag_message(tag), _line(event))


def _tag_message(tag: str) -> str:
    return (
        f"tag {tag.replace('tag:yaml.org,2002:', '!!')!r} is not allowed: "
        "only plain YAML data (mappings, lists, text, numbers, dates)"
    )


def _expanded_size(root: yaml.Node, limit: int) -> int:
    """Nodes of the tree under `root` with every alias followed, stopping past `limit`.

    Shared (aliased) nodes are sized once and counted once per reference, so the count of a
    billion-laughs document is found in a few hundred steps, not a billion. A node with a tag
    outside plain YAML, and a value that contains itself, are refused on the way.
    """
    sizes: dict[int, int] = {}
    open_: set[int] = set()  # nodes whose children are being sized
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in sizes:
            continue
        if not done and id(node) in open_:  # reached again from inside itself: `&a [*a]`
            raise _Refused(
                "a value that contains itself (an alias inside its own anchor)", _line(node)
            )
        if node.tag not in _PLAIN_TAGS:
            raise _Refused(_tag_message(node.tag), _line(node))
        children: list[yaml.Node] = []
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        if not done:
            open_.add(id(node))
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in sizes)
            continue
        total = 1 + sum(sizes[id(c)] for c in children)
        sizes[id(node)] = min(total, limit + 1)
    return sizes[id(root)]


def _compose(text: str, dates: bool, limits: YamlLimits) -> yaml.Node | None:
    """The node tree, through libyaml when present (events checked first), else through the
    pure-Python composer that checks as it goes."""
    fast = _FAST if dates else _FAST_NO_DATES
    if fast is not None:
        _scan(text, fast, limits)
        loader = fast(text)
    else:
        loader = (_Composer if dates else _NoDates)(text)
        loader.limits = limits
    try:
        root: yaml.Node | None = loader.get_single_node()
    finally:
        loader.dispose()
    return root


def compose_yaml(
    text: str,
    file: str | None = None,
    *,
    dates: bool = True,
    limits: YamlLimits | None = None,
) -> yaml.Node | None:
    """The node tree of one YAML document (None when empty), within the limits.

    `dates=False` leaves `2024-01-01` as text. Every refusal and syntax error is an
    `InputError` with the file and line.
    """
    chosen = limits or YamlLimits()
    if len(text) > MAX_YAML_CHARS:
        raise InputError.at(f"YAML text longer than {MAX_YAML_CHARS:,} characters", file=file)
    try:
        root = _compose(text, dates, chosen)
        if root is not None and _expanded_size(root, chosen.nodes) > chosen.nodes:
            raise _Refused(
                f"more than {chosen.nodes:,} values once its aliases are expanded", _line(root)
            )
    except _Refused as exc:
        raise InputError.at(f"refused YAML: {exc.message}", file=file, line=exc.line) from None
    except yaml.MarkedYAMLError as exc:
        if "maximum nesting depth" in str(exc.problem):  # libyaml's own limit, 1,000
            message = f"refused YAML: nested deeper than {chosen.depth} levels"
            raise InputError.at(message, file=file, line=_line(exc.problem_mark)) from None
        raise _syntax_error(exc, file) from None
    except yaml.reader.ReaderError as exc:  # a control character: its line, not its offset
        line = text.count("\n", 0, exc.position) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        message = f"invalid YAML: character U+{code:04X} is not allowed ({exc.reason})"
        raise InputError.at(message, file=file, line=line) from None
    except yaml.YAMLError as exc:
        raise InputError.at(f"invalid YAML: {exc}", file=file) from None
    return root


def _syntax_error(exc: yaml.MarkedYAMLError, file: str | None) -> InputError:
    """A YAML syntax error as an `InputError` at its line."""
    mark = exc.problem_mark or exc.context_mark
    return InputError.at(f"invalid YAML: {exc.problem or exc}", file=file, line=_line(mark))


def construct_yaml(root: yaml.Node | None, file: str | None = None) -> Any:
    """The Python data of a node tree from `compose_yaml` (None for an empty document)."""
    if root is None:
        return None
    refuse_repeated_keys(root, file)
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:  # a bad value of a plain tag, e.g. `!!int x`
        raise _syntax_error(exc, file) from None
    except ValueError:  # a date that is no date (2020-13-45), an int past 4,300 digits
        raise _bad_scalar(root, file) from None
    finally:
        loader.dispose()


def refuse_repeated_keys(root: yaml.Node, file: str | None = None) -> None:
    """Raise `InputError` at the first plain key written twice in one mapping of the tree:
    PyYAML keeps the last value silently (which one was meant?). For readers that walk the
    nodes themselves; `construct_yaml` checks it."""
    twice = _repeated_key(root)
    if twice is not None:
        key, node = twice
        raise InputError.at(
            f"key {key!r} appears twice in one mapping", file=file, line=_line(node)
        )


def _repeated_key(root: yaml.Node) -> tuple[str, yaml.Node] | None:
    """The first plain key written twice in one mapping of the tree, with its second node."""
    stack: list[yaml.Node] = [root]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:  # an alias: already walked
            continue
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            keys: set[str] = set()
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value != "<<":
                    if key.value in keys:
                        return key.value, key
                    keys.add(key.value)
                stack.extend((key, value))
    return None


def _bad_scalar(root: yaml.Node, file: str | None) -> InputError:
    """The error at the first scalar whose value its plain tag cannot convert."""
    stack: list[yaml.Node] = [root]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            try:
                yaml.SafeLoader("").construct_object(node)
            except ValueError as exc:
                limit = sys.get_int_max_str_digits()
                why = f"longer than {limit:,} digits" if "digits" in str(exc) else str(exc)
                message = f"invalid YAML: {node.value[:40]!r} cannot be read as {node.tag}: {why}"
                return InputError.at(
                    message.replace("tag:yaml.org,2002:", ""), file=file, line=_line(node)
                )
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in reversed(node.value) for n in reversed(pair))
    return InputError.at("invalid YAML: a value cannot be read", file=file)


def load_yaml(
    text: str, file: str | None = None, *, dates: bool = True, limits: YamlLimits | None = None
) -> Any:
    """`yaml.safe_load(text)` within the limits, errors as `InputError` with file and line."""
    return construct_yaml(compose_yaml(text, file, dates=dates, limits=limits), file)


def read_yaml_text(path: str | os.PathLike[str], label: str | None = None) -> str:
    """The UTF-8 text of a YAML file, refused before reading when it is too large.

    Undecodable bytes are an error at their line; `label` names the file in errors.
    """
    p = Path(path)
    name = label or str(p)
    try:
        data = read_bounded(p, 4 * MAX_YAML_CHARS, name)
        if data is None:
            raise InputError.at(f"YAML file larger than {4 * MAX_YAML_CHARS:,} bytes", file=name)
    except OSError as exc:
        raise InputError.at(f"cannot read the file: {exc.strerror or exc}", file=name) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError.at(
            f"not UTF-8 text: byte 0x{data[exc.start]:02x} cannot be decoded", file=name, line=line
        ) from None
