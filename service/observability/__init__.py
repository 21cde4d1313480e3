"""Metrics, structured logs with request ids, and the figures of the admin status page."""
