"""Database fixtures for the service tests."""

from tests.databases import *  # noqa: F403
