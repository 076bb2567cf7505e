"""Models of the support desk."""
