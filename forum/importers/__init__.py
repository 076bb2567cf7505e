"""Importers that bring other communities' content into the forum."""
