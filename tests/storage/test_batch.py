"""Several units of work as one transaction: their commits wait for the end, an error anywhere undoes them all."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from luoshi.storage import transaction
from luoshi.storage.batch import one_transaction
from luoshi.storage.models import Department


def _add(sessions: sessionmaker[Session], name: str) -> None:
    """One unit of work, as a service writes it."""
    with transaction(sessions) as session:
        session.add(Department(name=name))


def _names(sessions: sessionmaker[Session]) -> list[str]:
    with transaction(sessions) as session:
        return list(session.scalars(select(Department.name).order_by(Department.name)))


def test_every_unit_is_kept_when_all_succeed(sessions: sessionmaker[Session]) -> None:
    with one_transaction(sessions) as joined:
        _add(joined, "甲局")
        _add(joined, "乙局")
        # A later unit sees what an earlier one wrote.
        assert _names(joined) == ["乙局", "甲局"]
    assert _names(sessions) == ["乙局", "甲局"]


@pytest.mark.parametrize("where", ["inside a unit", "between units", "in the database"])
def test_an_error_undoes_the_units_already_committed(sessions: sessionmaker[Session], where: str) -> None:
    with pytest.raises((RuntimeError, IntegrityError)), one_transaction(sessions) as joined:
        _add(joined, "甲局")
        if where == "inside a unit":
            with transaction(joined) as session:
                session.add(Department(name="乙局"))
                raise RuntimeError("refused")
        if where == "in the database":
            _add(joined, "甲局")  # the name is unique
        raise RuntimeError("refused")
    assert _names(sessions) == []
