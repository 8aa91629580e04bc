"""Coordinator pages for the structure records, one module per record kind."""
