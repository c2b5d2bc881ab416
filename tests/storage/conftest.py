"""Database fixtures for the storage tests."""

from tests.databases import *  # noqa: F403
