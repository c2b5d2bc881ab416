"""The report bundled with the package (the Jiangcheng district 2021 work report)."""

from __future__ import annotations

from importlib.resources import files

SAMPLE_NAME = "jiangcheng-2021.txt"


def sample_bytes() -> bytes:
    """The bundled report's bytes, read through importlib.resources (works from a wheel too)."""
    return files("luoshi").joinpath("data", SAMPLE_NAME).read_bytes()
