"""Roles, targets, meetings, funding, posts and the action plan, with their structural checks."""
