"""Operations: backup, restore, the demo and health checks."""
