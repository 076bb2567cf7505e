"""Models of the community forum."""
