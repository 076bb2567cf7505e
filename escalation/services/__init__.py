"""Every write of the support desk, split by concern (tickets, SLA, assignment, email, CSAT, forum)."""
