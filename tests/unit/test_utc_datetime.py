"""Timestamps read back as aware UTC on SQLite too (it stores no zone); naive ones are taken as UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, insert, select

from service.db import UTCDateTime

_META = MetaData()
_T = Table("t", _META, Column("id", Integer, primary_key=True), Column("at", UTCDateTime))


@pytest.fixture()
def engine():  # type: ignore[no-untyped-def]
    engine = create_engine("sqlite://")
    _META.create_all(engine)
    yield engine
    engine.dispose()


def test_an_aware_time_comes_back_in_utc(engine) -> None:  # type: ignore[no-untyped-def]
    casablanca = datetime(2026, 11, 29, 13, 5, 7, 123456, tzinfo=timezone(timedelta(hours=1)))
    with engine.begin() as conn:
        conn.execute(insert(_T).values(id=1, at=casablanca))
        back = conn.execute(select(_T.c.at)).scalar_one()
    assert back.tzinfo is UTC
    assert back == casablanca
    assert back.hour == 12
    assert back.isoformat().endswith("+00:00")


def test_a_naive_time_is_taken_as_utc(engine) -> None:  # type: ignore[no-untyped-def]
    with engine.begin() as conn:
        conn.execute(insert(_T).values(id=2, at=datetime(2026, 11, 29, 12, 0)))
        back = conn.execute(select(_T.c.at)).scalar_one()
        # Compared with an aware bound in a filter, as a query parameter without an offset would be.
        found = conn.execute(select(_T.c.id).where(_T.c.at >= datetime(2026, 11, 29, 11, 59))).scalar_one()
    assert back == datetime(2026, 11, 29, 12, 0, tzinfo=UTC) and found == 2


def test_none_stays_none(engine) -> None:  # type: ignore[no-untyped-def]
    with engine.begin() as conn:
        conn.execute(insert(_T).values(id=3, at=None))
        assert conn.execute(select(_T.c.at)).scalar_one() is None
