"""Sessions, CSRF, roles and security headers of the web workbench."""
