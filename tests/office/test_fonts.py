"""Finding a Chinese font: matplotlib's list, then fontconfig, then Debian's paths, else none (no chart)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from luoshi.office import fonts


@pytest.fixture(autouse=True)
def fresh_lookup() -> Iterator[None]:
    """Each case looks again, and later tests get the real machine's answer."""
    fonts.cjk_font.cache_clear()
    yield
    fonts.cjk_font.cache_clear()


def _nothing() -> None:
    """A lookup step that finds nothing."""
    return None


@pytest.mark.parametrize(
    ("steps_finding", "expected"),
    [
        ({"matplotlib", "fontconfig", "known"}, "matplotlib"),
        ({"fontconfig", "known"}, "fontconfig"),
        ({"known"}, "known"),
        (set(), None),
    ],
)
def test_the_first_step_that_finds_a_font_wins(
    monkeypatch: pytest.MonkeyPatch, steps_finding: set[str], expected: str | None
) -> None:
    for step in ("matplotlib", "fontconfig", "known"):
        found = (lambda name=step: Path(f"/fonts/{name}.ttc")) if step in steps_finding else _nothing
        attribute = {"known": "_from_known_files"}.get(step, f"_from_{step}")
        monkeypatch.setattr(fonts, attribute, found)
    assert fonts.cjk_font() == (Path(f"/fonts/{expected}.ttc") if expected else None)


def test_without_fc_list_fontconfig_finds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts.shutil, "which", lambda _name: None)
    assert fonts._from_fontconfig() is None


def test_known_files_are_tried_in_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    second = tmp_path / "wqy-zenhei.ttc"
    second.write_bytes(b"font")
    monkeypatch.setattr(fonts, "KNOWN_FILES", (str(tmp_path / "missing.ttc"), str(second)))
    assert fonts._from_known_files() == second


def test_this_machine_has_a_chinese_font() -> None:
    found = fonts.cjk_font()
    if found is None:
        pytest.skip("no Chinese font here: scripts/ensure-system-packages.sh installs fonts-noto-cjk")
    assert found.is_file()
