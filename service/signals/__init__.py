"""Spam signals beyond the text: honeypot, time to submit, links and contacts, near-duplicates, posting
rate, and the sites' term lists; each one's action, the findings it adds to a verdict, and their sentences."""
