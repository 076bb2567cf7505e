"""Community Q&A forum: threads, answers, accepted answers, votes, moderation, notifications."""
