"""Use cases that the pages, the API and the command line all call; keyword-only, one schema per direction.

Services use storage (the only owner of SQL) and the pure tracking and extraction packages, never back.
"""
