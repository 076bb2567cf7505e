"""Escalation: private support tickets fed by the forum, and KB gap detection."""
