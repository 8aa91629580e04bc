"""Partnerships, member agencies, memberships, rounds and invitations: the coordinator's records."""
