"""Every exception class of Accord is in the documented tree, and unknown names read alike."""

from __future__ import annotations

import importlib
import inspect
import pickle
import pkgutil
import re
from pathlib import Path

import pytest

import accord
from accord.errors import AccordError, NotFoundError, UnknownNameError

DOC = Path(__file__).resolve().parents[1] / "docs" / "errors.md"
#: Modules that need an optional engine to import (they hold no exception classes).
OPTIONAL = {"pyspark", "dask", "distributed"}


def _modules() -> list[str]:
    return ["accord", *sorted(m.name for m in pkgutil.walk_packages(accord.__path__, "accord."))]


def _exception_classes() -> dict[str, type[BaseException]]:
    found: dict[str, type[BaseException]] = {}
    for name in _modules():
        try:
            module = importlib.import_module(name)
        except ImportError as exc:  # pragma: no cover - only without an optional engine
            if exc.name and exc.name.split(".")[0] in OPTIONAL:
                continue
            raise
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, BaseException) and cls.__module__ == name:
                found[f"{name}.{cls.__qualname__}"] = cls
    return found


EXCEPTIONS = _exception_classes()


def test_the_walk_finds_the_known_classes() -> None:
    names = {cls.__name__ for cls in EXCEPTIONS.values()}
    assert {
        "AccordError",
        "InputError",
        "NotFoundError",
        "UnknownNameError",
        "StoreError",
        "FieldError",
        "ReadByBlocks",
        "TooManyJobs",
        "ApiError",
        "BodyTooLarge",
    } <= names


@pytest.mark.parametrize("qualified", sorted(EXCEPTIONS))
def test_every_exception_is_in_the_tree_and_documented(qualified: str) -> None:
    cls = EXCEPTIONS[qualified]
    if cls.__name__.startswith("_"):
        return  # private control flow that never leaves its module
    assert issubclass(cls, AccordError), f"{qualified} is outside the AccordError tree"
    assert re.search(rf"`{cls.__name__}`", DOC.read_text(encoding="utf-8")), (
        f"{qualified} is missing from docs/errors.md"
    )


def test_errors_module_all_lists_the_tree() -> None:
    import accord.errors as errors

    public = {
        n for n, v in vars(errors).items() if inspect.isclass(v) and v.__module__ == errors.__name__
    }
    assert set(errors.__all__) == public


def test_unknown_name_error_message_and_fields() -> None:
    exc = UnknownNameError("executor", "daks", ("local", "dask"))
    assert isinstance(exc, NotFoundError) and isinstance(exc, LookupError)
    assert str(exc) == "unknown executor 'daks' (did you mean 'dask'?); known: local, dask"
    assert (exc.kind, exc.name, exc.known) == ("executor", "daks", ("local", "dask"))
    assert exc.close_matches == ["dask"]
    back = pickle.loads(pickle.dumps(exc))
    assert str(back) == str(exc) and back.known == exc.known


def test_a_hint_follows_the_message_and_survives_pickling() -> None:
    exc = UnknownNameError("treaty code", "CTBT", ("NPT",), hint="the default world has it")
    assert str(exc) == "unknown treaty code 'CTBT'; known: NPT; the default world has it"
    back = pickle.loads(pickle.dumps(exc))
    assert (str(back), back.hint) == (str(exc), "the default world has it")


def test_a_name_known_twice_is_suggested_once() -> None:
    # the world's index holds "AUKUS" as a code and as a name: `world members ANZUS` said
    # "did you mean 'AUS' or 'AUKUS' or 'AUKUS'?"
    exc = UnknownNameError("actor", "ANZUS", ["AUS", "AUKUS", "AUKUS", "NATO"])
    assert str(exc).startswith("unknown actor 'ANZUS' (did you mean 'AUS' or 'AUKUS'?)")
    assert exc.known == ("AUS", "AUKUS", "NATO")


def test_long_registries_are_not_listed() -> None:
    known = [f"C{i:02d}" for i in range(30)]
    assert str(UnknownNameError("code", "ZZZ", known)) == "unknown code 'ZZZ'"


# -- one unknown-name error in every registry ------------------------------------------------


def _make_model() -> None:
    from accord.bargaining import make_model

    make_model("medain")


def _make_strategy() -> None:
    from accord.bargaining import make_strategy

    make_strategy("boulwar")


def _case_format() -> None:
    from accord.bargaining import read_case

    read_case(Path("case.csv"), "ktap")


def _event_format() -> None:
    from accord.events import reader_for

    reader_for("gdelt3")


def _executor() -> None:
    from accord.simulation import make_executor

    make_executor("daks")


REGISTRIES = {
    "model": (_make_model, "medain", "median"),
    "strategy": (_make_strategy, "boulwar", "boulware"),
    "case format": (_case_format, "ktap", "ktab"),
    "event format": (_event_format, "gdelt3", "gdelt2"),
    "executor": (_executor, "daks", "dask"),
}


@pytest.mark.parametrize("kind", sorted(REGISTRIES))
def test_every_registry_raises_unknown_name_error(kind: str) -> None:
    call, name, near = REGISTRIES[kind]
    with pytest.raises(UnknownNameError) as caught:
        call()
    assert (caught.value.kind, caught.value.name) == (kind, name)
    assert near in caught.value.close_matches
    assert str(caught.value).startswith(f"unknown {kind} {name!r} (did you mean {near!r}")
    assert near in caught.value.known


def test_world_codes_raise_unknown_name_error(mini_world_dir: Path) -> None:
    from accord.world import read_world_dir

    world = read_world_dir(mini_world_dir)
    for lookup, kind in (
        (world.actor, "actor code"),
        (world.treaty, "treaty code"),
        (world.alliance_members, "alliance code"),
    ):
        with pytest.raises(UnknownNameError) as caught:
            lookup("atlantis")
        assert (caught.value.kind, caught.value.name) == (kind, "ATLANTIS")
    with pytest.raises(UnknownNameError, match=r"unknown actor code 'USAA' \(did you mean 'USA'"):
        world.actor("USAA")


def test_scenario_files_word_unknown_rules_alike(tmp_path: Path) -> None:
    from accord.errors import InputError
    from accord.simulation import load_scenario

    path = tmp_path / "s.yaml"
    path.write_text("name: s\nsteps: 2\nparameters:\n  sanctons: {}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    problem = caught.value.first
    assert (problem.line, problem.field) == (4, "parameters.sanctons")
    assert problem.message.startswith("unknown rule 'sanctons' (did you mean 'sanctions'")
