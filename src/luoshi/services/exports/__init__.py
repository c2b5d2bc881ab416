"""Office exports and uploads: the breakdown table, the bulletin, open data files."""
