"""Reading and writing files: survey exports, templates and structure sheets."""
