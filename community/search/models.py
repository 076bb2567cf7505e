"""Models of site-wide search (query log, clicks)."""
