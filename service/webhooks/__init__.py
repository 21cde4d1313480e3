"""Signed webhooks: a site's callback URL and secret, events queued with verdicts, deliveries in Celery."""
