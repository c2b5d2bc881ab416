"""Reporting (报送): progress reports, their checks and attachments, the inbox, review and offline templates."""
