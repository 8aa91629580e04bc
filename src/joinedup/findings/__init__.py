"""Ranked findings and evidence-linked recommendations from analysis and checks."""
