"""Scores, reliability, divergence, disclosure control and trends on response frames."""
