"""The public portal: what citizens may read of published plans, and its open data."""
