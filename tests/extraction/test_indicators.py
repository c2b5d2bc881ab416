"""Headline indicators: the case table of metrics and keys, and the vocabulary's validation."""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

import pytest

from luoshi.extraction import indicators as indicators_mod
from luoshi.extraction import rules as rules_mod
from luoshi.extraction.indicators import indicator_of
from luoshi.extraction.rules import RuleError, indicator_rules
from tests.extraction.caseutil import load_cases

CASES = load_cases("indicators.yaml")


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['metric']}|{c['kind']}|{c['unit']}")
def test_indicator_of_a_metric(case: dict[str, Any]) -> None:
    assert indicator_of(case["metric"], case["kind"], case["unit"]) == case["key"]


def test_every_key_of_the_vocabulary_has_a_case() -> None:
    keys = {i.key for i in indicator_rules().indicators}
    assert keys - {c["key"] for c in CASES} == set()
    assert {c["key"] for c in CASES} - {None} <= keys


# --- the vocabulary's validation ------------------------------------------------------------


def _table() -> dict[str, Any]:
    return copy.deepcopy(rules_mod._load("indicators.yaml"))


def _spoil(table: dict[str, Any], how: str) -> None:
    if how == "kind":
        table["indicators"]["gdp_growth"]["kinds"] = ["growth", "speed"]
    elif how == "key":
        table["indicators"]["GDP-growth"] = table["indicators"].pop("gdp_growth")
    elif how == "synonyms":
        del table["indicators"]["cpi"]["synonyms"]
    elif how == "units":
        table["indicators"]["cpi"]["units"] = []
    elif how == "meaning":
        table["indicators"]["cpi"]["meaning"] = ""
    elif how == "pattern":
        table["leading_patterns"] = ["(unclosed"]
    elif how == "rewrite":
        table["rewrite"] = [{"pattern": "GDP"}]
    elif how == "table":
        del table["indicators"]


@pytest.mark.parametrize(
    ("how", "named"),
    [
        ("kind", "indicators.gdp_growth"),
        ("key", "indicators.GDP-growth"),
        ("synonyms", "indicators.cpi"),
        ("units", "indicators.cpi"),
        ("meaning", "indicators.cpi"),
        ("pattern", "leading_patterns"),
        ("rewrite", "rewrite"),
        ("table", "indicators"),
    ],
)
def test_a_malformed_table_names_the_file_and_key(monkeypatch: pytest.MonkeyPatch, how: str, named: str) -> None:
    table = _table()
    _spoil(table, how)
    monkeypatch.setattr(rules_mod, "_load", lambda name: table)
    with pytest.raises(RuleError, match=r"^indicators\.yaml: ") as err:
        rules_mod.indicator_rules.__wrapped__()
    assert named in str(err.value)


def test_a_synonym_of_two_keys_for_the_same_kind_and_unit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    real = indicator_rules()
    spoilt = tuple(
        dataclasses.replace(i, synonyms=(*i.synonyms, "居民消费价格")) if i.key == "deficit_ratio" else i
        for i in real.indicators
    )
    monkeypatch.setattr(indicators_mod, "indicator_rules", lambda: dataclasses.replace(real, indicators=spoilt))
    with pytest.raises(
        RuleError,
        match=r"^indicators\.yaml: indicators\.cpi: synonym '居民消费价格\w*' is also a synonym of deficit_ratio",
    ):
        indicators_mod._index.__wrapped__()


def test_gdp_shares_its_synonyms_between_level_and_growth() -> None:
    """Sharing is fine when the kinds and units tell the keys apart (the table loads)."""
    assert indicators_mod._index().by_synonym["GDP"]
    assert {i.key for i in indicators_mod._index().by_synonym["GDP"]} == {"gdp", "gdp_growth"}
