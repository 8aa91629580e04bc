"""The self-assessment item bank, its versions and the shape of response data."""
