"""Template filters for the structure pages."""
