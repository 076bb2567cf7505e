"""Community Help Center project package: settings, URLs, WSGI/ASGI, and members (profiles, roles)."""
