"""How the test suite decides whether its PostgreSQL variants run (tests/databases.py)."""

from __future__ import annotations

import pytest

from tests.databases import TEST_URL_VARIABLE, detect_postgres

NOBODY = "postgresql+psycopg://postgres@127.0.0.1:1/test"  # port 1: refused at once


@pytest.mark.parametrize("word", ["none", "", "off", "0", " None "])
def test_the_variable_switches_postgresql_off(word: str) -> None:
    decided = detect_postgres({TEST_URL_VARIABLE: word}, default=NOBODY)
    assert not decided.on
    assert "skipped, switched off" in decided.note


def test_without_a_server_the_variants_are_skipped_and_the_note_says_why() -> None:
    decided = detect_postgres({}, default=NOBODY)
    assert not decided.on
    assert decided.note.startswith("PostgreSQL tests: skipped, nothing answers at")
    assert TEST_URL_VARIABLE in decided.note


def test_a_named_server_is_used_even_when_it_does_not_answer() -> None:
    decided = detect_postgres({TEST_URL_VARIABLE: NOBODY.replace("postgres@", "luoshi:secret@")})
    assert decided.on and decided.url is not None and "secret" in decided.url
    assert "does not answer" in decided.note and "secret" not in decided.note
