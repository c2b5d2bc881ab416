"""Open data files: each table as CSV (UTF-8 with a BOM, so Excel reads the Chinese) and as JSON."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from luoshi.services.exports.opendata import OpenTable

INDEX = "index.json"


def write_open_data(tables: Sequence[OpenTable], folder: Path) -> list[Path]:
    """Write NAME.csv and NAME.json for every table and an index.json; returns the files written."""
    written: list[Path] = []
    for table in tables:
        written.append(_write_csv(table, folder / f"{table.name}.csv"))
        written.append(_write_json(table, folder / f"{table.name}.json"))
    index = {"tables": [{"name": t.name, "rows": len(t.rows), "columns": list(t.columns)} for t in tables]}
    (folder / INDEX).write_text(json.dumps(index, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return [*written, folder / INDEX]


def _write_csv(table: OpenTable, path: Path) -> Path:
    """One header line, then a line per row; nested values (progress values) as compact JSON."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(table.columns)
        writer.writerows([_csv_cell(value) for value in row] for row in table.rows)
    return path


def _csv_cell(value: Any) -> Any:
    """A value as a CSV cell: empty for null, JSON for a mapping or list, true/false for a flag."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def _write_json(table: OpenTable, path: Path) -> Path:
    """A JSON array of objects keyed by column name, Chinese unescaped."""
    records = [dict(zip(table.columns, row, strict=True)) for row in table.rows]
    path.write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path
