"""The public index of complaints behind the "track a complaint" pages: complete, status only."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import load
from pipeline.analyse import tracking

T0 = pd.Timestamp("2024-07-31T20:00:00Z")  # 1 August 2024, 01:00 in Pakistan


def frame(**columns: object) -> pd.DataFrame:
    """Three complaints of one council as load.table gives them, with ``columns`` replaced."""
    values = {
        "service_request_id": ["X-MC-C0009030", "X-MC-C0000002", "X-MC-C0009001"],
        "lg_code": "X-MC", "fiscal_year": "2024-25", "ward_code": "X-MC-W01",
        "service_code": ["drain", "pothole", "drain"],
        "description": ["Call Sadia on 0300-1234567", "Pothole", "Drain"],
        "status": ["closed", "closed", "open"],
        "status_detail": ["fixed", "duplicate", "investigating"],
        "status_notes": ["Sadia's house cleaned", "", ""],
        "requested_datetime": [T0, T0, T0],
        "updated_datetime": [
            T0 + pd.Timedelta(days=3), T0 + pd.Timedelta(hours=1), T0 + pd.Timedelta(days=9),
        ],
        "resolved_datetime": [T0 + pd.Timedelta(days=2, hours=23), T0, pd.NaT],
        "citizen_feedback": "none",
        **columns,
    }  # fmt: skip
    return pd.DataFrame(values)


def rows_of(index: dict) -> dict[str, list]:
    return {row[0]: row for entry in index.values() for r in entry["ranges"] for row in r["rows"]}


def test_each_complaint_gives_its_status_local_dates_and_days() -> None:
    index = tracking.index(frame(), as_of=T0 + pd.Timedelta(days=10))
    entry = index["X-MC"]
    assert (entry["as_of"], entry["count"]) == ("2024-08-11", 3)
    assert [(r["key"], r["first"], r["last"], r["count"]) for r in entry["ranges"]] == [
        ("c00000", "C0000000", "C0000099", 1),
        ("c00090", "C0009000", "C0009099", 2),
    ]
    rows = rows_of(index)
    # Closed on the 3rd day (local dates 1 to 4 August): 3 days to resolve.
    assert rows["X-MC-C0009030"] == [
        "X-MC-C0009030", "closed", "fixed", "drain", "X-MC-W01",
        "2024-08-01", "2024-08-04", "2024-08-04", 3,
    ]  # fmt: skip
    assert rows["X-MC-C0000002"][5:] == ["2024-08-01", "2024-08-01", "2024-08-01", 0]
    # Open: no resolved date, and the days it has been open on the index's date.
    assert rows["X-MC-C0009001"][1:3] == ["open", "investigating"]
    assert rows["X-MC-C0009001"][7:] == ["", 10]


def test_the_index_carries_no_text_a_citizen_or_clerk_wrote() -> None:
    index = tracking.index(frame())
    text = json.dumps(index, ensure_ascii=False)
    assert "Sadia" not in text and "0300" not in text and "Pothole" not in text
    for entry in index.values():
        for span in entry["ranges"]:
            assert all(len(row) == len(tracking.FIELDS) for row in span["rows"])


def test_a_closed_complaint_without_a_resolved_date_has_no_days() -> None:
    rows = rows_of(tracking.index(frame(resolved_datetime=[pd.NaT, T0, pd.NaT])))
    assert rows["X-MC-C0009030"][7:] == ["", None]


def test_no_complaints_give_an_empty_index() -> None:
    assert tracking.index(frame().iloc[0:0]) == {}


@pytest.mark.parametrize(
    ("key", "bounds"),
    [("c00000", ("C0000000", "C0000099")), ("c90000", ("C9000000", "C9000099"))],
)
def test_range_keys_and_bounds(key: str, bounds: tuple[str, str]) -> None:
    assert tracking.range_bounds(key) == bounds
    assert tracking.range_key("SBZ-MC-" + bounds[0]) == key
    assert tracking.range_key("SBZ-MC-" + bounds[1]) == key


@settings(max_examples=30, derandomize=True, deadline=None)
@given(st.permutations(range(3)))
def test_the_index_does_not_depend_on_row_order(order: list[int]) -> None:
    data = frame()
    assert tracking.index(data.iloc[list(order)]) == tracking.index(data)


# -- on the generator's data -------------------------------------------------------------------
@pytest.fixture(scope="module")
def complaints(mini_source: Path) -> pd.DataFrame:
    return load.table(mini_source / "complaints", "complaints-*")


@pytest.fixture(scope="module")
def index(complaints: pd.DataFrame) -> dict:
    return tracking.index(complaints)


def test_every_complaint_is_in_the_index_once(complaints: pd.DataFrame, index: dict) -> None:
    listed = [row[0] for e in index.values() for r in e["ranges"] for row in r["rows"]]
    assert sorted(listed) == sorted(complaints["service_request_id"])
    assert set(index) == set(complaints["lg_code"])
    for lg, entry in index.items():
        assert entry["count"] == int((complaints["lg_code"] == lg).sum())


def test_shards_are_complete_sorted_and_in_their_range(index: dict) -> None:
    for lg, entry in index.items():
        keys = [span["key"] for span in entry["ranges"]]
        assert keys == sorted(keys) and len(set(keys)) == len(keys)
        for span in entry["ranges"]:
            ids = [row[0] for row in span["rows"]]
            assert ids == sorted(ids) and span["count"] == len(ids)
            assert all(
                i.startswith(lg + "-C") and tracking.range_key(i) == span["key"] for i in ids
            )
            assert all(span["first"][1:] <= i[-7:] <= span["last"][1:] for i in ids)
            shard = tracking.shard(lg, entry, span["key"])
            assert shard["fields"] == list(tracking.FIELDS) and shard["rows"] == span["rows"]
        listing = tracking.listing(lg, entry)
        assert sum(r["count"] for r in listing["ranges"]) == entry["count"]
        assert "rows" not in json.dumps(listing)


def test_no_personal_or_free_text_field_is_published(complaints: pd.DataFrame, index: dict) -> None:
    assert set(tracking.FIELDS).isdisjoint(
        {"description", "status_notes", "channel", "citizen_feedback", "agency_responsible"}
    )
    text = json.dumps(index, ensure_ascii=False)
    for column in ("description", "status_notes"):
        for value in complaints[column].dropna().unique():
            assert f'"{value}"' not in text, value
