"""Plans: importing a report into a draft plan, editing, assigning, settings and the plan's life."""
