"""Routes: pages, the JSON API, sign-in and health; each calls the services through dependencies."""
