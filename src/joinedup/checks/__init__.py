"""Structural checks on roles, targets, meetings and funding records."""
