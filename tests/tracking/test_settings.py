"""The plan settings' one declaration: documented in docs/status-rules.md, checked with Chinese words."""

from __future__ import annotations

from pathlib import Path

import pytest

from luoshi.tracking import PLAN_SETTINGS, PlanSetting, SettingError, StatusRules, rules_from

DOC = Path(__file__).parents[2] / "docs" / "status-rules.md"


def _documented() -> dict[str, list[str]]:
    """The rows of the doc's settings table, by setting name: label, default, range, meaning."""
    section = DOC.read_text("utf-8").split("## Settings per plan", 1)[1].split("\n## ", 1)[0]
    rows = [line.strip().strip("|").split("|") for line in section.splitlines() if line.startswith("|")]
    return {cells[0].strip(): [c.strip() for c in cells[1:]] for cells in rows[2:]}


@pytest.mark.parametrize("setting", PLAN_SETTINGS, ids=[s.name for s in PLAN_SETTINGS])
def test_every_setting_is_documented_with_its_label_default_and_range(setting: PlanSetting) -> None:
    documented = _documented()
    assert setting.name in documented, f"{setting.name} is not in the settings table of {DOC.name}"
    label, default, bounds, meaning = documented[setting.name]
    assert (label, default, bounds) == (setting.label, setting.show(setting.default), setting.range_text)
    assert meaning


def test_the_doc_lists_no_setting_that_is_not_declared() -> None:
    assert set(_documented()) == {s.name for s in PLAN_SETTINGS}


def test_the_defaults_are_the_rules_defaults_and_fit_their_bounds() -> None:
    defaults = StatusRules()
    for setting in PLAN_SETTINGS:
        assert getattr(defaults, setting.name) == setting.default
        assert setting.problem(setting.default) is None


def test_values_typed_in_a_form_make_the_same_rules() -> None:
    typed = {s.name: s.show(s.default) for s in PLAN_SETTINGS}
    assert rules_from(typed) == StatusRules()


def test_the_yellow_threshold_stays_below_the_red_one() -> None:
    with pytest.raises(SettingError, match="黄灯阈值应小于红灯阈值"):
        StatusRules(yellow_points=30, red_points=30)
