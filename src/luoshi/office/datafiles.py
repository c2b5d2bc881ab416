"""Open data files: every data set of a published plan as NAME.csv and NAME.json, and an index.json.

The files hold the very bytes the public portal serves (services/portal/open_data.py): CSV in UTF-8
with a BOM and Chinese column names, formula cells escaped; JSON with the plan, the date and the fields.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from luoshi.services.portal.open_data import Dataset, as_csv, as_json

INDEX = "index.json"
WRITERS = {"csv": as_csv, "json": as_json}


def write_open_data(datasets: Sequence[Dataset], folder: Path) -> list[Path]:
    """Write NAME.csv and NAME.json for every data set and an index.json; returns the files written."""
    written: list[Path] = []
    for data in datasets:
        for suffix, encode in WRITERS.items():
            path = folder / f"{data.name}.{suffix}"
            path.write_bytes(encode(data))
            written.append(path)
    (folder / INDEX).write_text(json.dumps(_index(datasets), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return [*written, folder / INDEX]


def _index(datasets: Sequence[Dataset]) -> dict[str, object]:
    """The plan, the date lamps were judged on, and each data set's files, row count and fields."""
    first = datasets[0]
    return {
        "plan": {"id": first.plan.id, "title": first.plan.title, "plan_year": first.plan.plan_year},
        "as_of": first.as_of.isoformat(),
        "datasets": [
            {
                "name": d.name,
                "files": [f"{d.name}.{suffix}" for suffix in WRITERS],
                "rows": len(d.rows),
                "fields": dict(d.columns),
            }
            for d in datasets
        ],
    }
