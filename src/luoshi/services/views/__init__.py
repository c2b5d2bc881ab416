"""Read views for the workbench and the API: plans, the dashboard, the report text, audit trails."""
