"""The coordinator's shell: a Django project that stores records and calls the core."""
