"""Status: the lamps of stored tasks (the pure rules live in luoshi.tracking), pace, timeliness and ranking."""
