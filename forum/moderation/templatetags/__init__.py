"""Template tags of forum moderation."""
