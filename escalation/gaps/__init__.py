"""KB gap detection: recurring demand (threads, tickets, failed searches) the KB does not answer."""
