"""Tag free-text comments with factor ids, offline."""
