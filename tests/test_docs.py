"""Docs that cannot drift: every command and option of `luoshi` is in README.md or docs/*.md, and every
status rule (setting, colour, flag, kind, comparator, cycle, reason wording) is in docs/status-rules.md.

Only the command line's parser builder and the public names of `luoshi.tracking` are imported, so
these tests survive module moves.
"""

from __future__ import annotations

import argparse
import itertools
import re
from collections.abc import Iterator
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import yaml

from luoshi.cli import build_parser
from luoshi.tracking import (
    Horizon,
    Kind,
    Lamp,
    Milestone,
    Observation,
    Period,
    StatusRules,
    TargetSpec,
    TaskProgress,
    TaskSpec,
    judge_target,
    judge_task,
    worst,
)
from luoshi.vocabulary import Colour, Comparator, Flag, ReportingCycle

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
STATUS_RULES = ROOT / "docs" / "status-rules.md"
CASES = ROOT / "tests" / "tracking" / "status_cases.yaml"


def _mentioned(words: str, text: str) -> bool:
    """`words` in the text, not as the start of a longer word (`luoshi import` is not `luoshi import-…`)."""
    return re.search(re.escape(words) + r"(?![\w-])", text) is not None


# --- the command line ---------------------------------------------------------------------------


def _commands(parser: argparse.ArgumentParser, prefix: str = "luoshi") -> Iterator[tuple[str, Any]]:
    """Every command and sub-command as typed ("luoshi users add"), with its parser."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield f"{prefix} {name}", sub
                yield from _commands(sub, f"{prefix} {name}")


COMMANDS = dict(_commands(build_parser()))
DOC_TEXT = "\n".join(p.read_text("utf-8") for p in DOCS)


def test_the_parser_is_walked() -> None:
    assert {"luoshi extract", "luoshi users", "luoshi users add", "luoshi serve"} <= COMMANDS.keys()


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_is_documented(command: str) -> None:
    found = _mentioned(command, DOC_TEXT)
    assert found, f"`{command}` is in the command line but in neither README.md nor docs/*.md"


OPTIONS = sorted(
    {o for sub in COMMANDS.values() for a in sub._actions for o in a.option_strings if o.startswith("--")} - {"--help"}
)


@pytest.mark.parametrize("option", OPTIONS)
def test_every_option_is_documented(option: str) -> None:
    owners = [c for c, sub in COMMANDS.items() if any(option in a.option_strings for a in sub._actions)]
    found = _mentioned(option, DOC_TEXT)
    assert found, f"{option} (of {', '.join(owners)}) is in neither README.md nor docs/*.md"


# --- the status rules ---------------------------------------------------------------------------

RULES_TEXT = STATUS_RULES.read_text("utf-8")


def _section(title: str) -> str:
    """The text of the `## title…` section of status-rules.md."""
    found = re.search(rf"^## {re.escape(title)}.*?$(.*?)(?=^## |\Z)", RULES_TEXT, re.M | re.S)
    assert found, f"docs/status-rules.md has no section '## {title}'"
    return found.group(1)


def _table(title: str) -> list[list[str]]:
    """The rows (cells stripped) of the first table of a section, header and rule left out."""
    rows = [line for line in _section(title).splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows[2:]]


def _shown(value: object) -> str:
    """A default as the settings table writes it: enums by value, 10.0 as 10."""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@pytest.mark.parametrize(
    "word",
    [
        *(c.value for c in Colour),
        *(c.label for c in Colour),
        *(f.value for f in Flag),
        *(k.value for k in Kind),
        *(f"`{c.value}`" for c in Comparator),
        *(c.value for c in ReportingCycle),
        *(c.counter for c in ReportingCycle),
    ],
)
def test_every_colour_flag_kind_comparator_and_cycle_is_named(word: str) -> None:
    assert word in RULES_TEXT, f"{word} is not in docs/status-rules.md"


PLACEHOLDERS = {
    "n": r"-?\d+(?:\.\d+)?",
    "unit": r"[^\d，；]*",
    "points": r"[^\d，；（）]*",
    "cycle": "|".join(re.escape(c.counter) for c in ReportingCycle),
    "start": r"\d{4}年\d{1,2}月",
    "date": r"\d{4}年\d{1,2}月\d{1,2}日",
    "title": r"[^」]+",
    "reason": r"(?P<reason>.+)",
}


def _form_pattern(form: str) -> re.Pattern[str]:
    """A documented form as a pattern: its words literally, its {placeholders} as what they stand for."""
    parts = re.split(r"\{(\w+)\}", form)
    pattern = "".join(re.escape(p) if i % 2 == 0 else f"(?:{PLACEHOLDERS[p]})" for i, p in enumerate(parts))
    return re.compile(pattern)


FORMS = [row[0].strip("`") for row in _table("Reasons")]
PATTERNS = [_form_pattern(f) for f in FORMS]


def _fits(reason: str) -> bool:
    """The reason has a documented form ({reason} inside a form must fit one too)."""
    for pattern in PATTERNS:
        found = pattern.fullmatch(reason)
        if found and ("reason" not in pattern.groupindex or _fits(found.group("reason"))):
            return True
    return False


def test_the_reasons_table_is_read() -> None:
    assert len(FORMS) >= 15
    assert all(set(re.findall(r"\{(\w+)\}", f)) <= PLACEHOLDERS.keys() for f in FORMS)
    assert _fits("已逾期，完成62%") and not _fits("已逾期，完成了")


def _case_reasons() -> list[tuple[str, str]]:
    """(case id, expected reason) of every row of the status case table."""
    cases: list[dict[str, Any]] = yaml.safe_load(CASES.read_text("utf-8"))
    return [(c["id"], c["expect"]["reason"]) for c in cases]


CASE_REASONS = _case_reasons()


@pytest.mark.parametrize(("case", "reason"), CASE_REASONS, ids=[c for c, _ in CASE_REASONS])
def test_every_reason_of_the_case_table_is_documented(case: str, reason: str) -> None:
    assert _fits(reason), f"{case}: the reason {reason!r} fits no form of docs/status-rules.md's Reasons table"


def _target_lamps() -> Iterator[tuple[str, Lamp]]:
    """Lamps of every kind × comparator × cycle, over the situations a target goes through."""
    year = Horizon.years(2022)
    days = [date(2021, 12, 1), date(2022, 2, 15), date(2022, 6, 30), date(2022, 7, 20), date(2023, 1, 20)]
    histories: list[tuple[float, ...]] = [(), (0.0,), (2.0,), (4.5,), (5.0,), (5.2,), (6.0,), (10.0,), (-1.5,)]
    value_of = {Kind.QUALITATIVE: None, Kind.PERCENT: None}
    for kind, comparator, cycle, unit in itertools.product(Kind, Comparator, ReportingCycle, ["%", "个"]):
        if kind is not Kind.LEVEL and unit != "%":
            continue  # only a level counts things; rates, growth and percent done are in %
        try:
            spec = TargetSpec(kind, comparator, value_of.get(kind, 5.0), unit, year)
        except ValueError:
            continue
        rules = StatusRules(cycle=cycle)
        for as_of, history in itertools.product(days, histories):
            months = [Period(2022, m) for m in range(1, 1 + len(history))]
            observations = tuple(Observation(p, v) for p, v in zip(months, history, strict=True))
            label = f"{kind.value} {comparator.value} {unit} {cycle.value} {history} on {as_of}"
            yield label, judge_target(spec, observations, as_of, rules)


def _task_lamps() -> Iterator[tuple[str, Lamp]]:
    """Lamps of tasks: milestones met, pending and missed, percent done, and nothing to judge."""
    horizon = Horizon.years(2022)
    milestone = Milestone("完成立项", date(2022, 5, 31))
    for done_on, as_of in itertools.product([None, date(2022, 5, 20)], [date(2022, 4, 30), date(2022, 6, 30)]):
        spec = TaskSpec(horizon=horizon, milestones=(milestone,))
        progress = TaskProgress(percent=(Observation(Period(2022, 3), 100.0),), milestones_done=(done_on,))
        yield f"milestone done {done_on} on {as_of}", judge_task(spec, progress, as_of)
    yield "a task with nothing to judge", worst([])


LAMPS = [*_target_lamps(), *_task_lamps()]


def test_the_grid_reaches_every_colour_and_flag() -> None:
    assert {lamp.colour for _, lamp in LAMPS} == set(Colour)
    assert set().union(*(lamp.flags for _, lamp in LAMPS)) == set(Flag)


def test_every_reason_the_rules_give_is_documented() -> None:
    undocumented = sorted({f"{lamp.reason}   ({label})" for label, lamp in LAMPS if not _fits(lamp.reason)})
    assert not undocumented, "reasons fitting no form of docs/status-rules.md's Reasons table:\n" + "\n".join(
        undocumented[:20]
    )
