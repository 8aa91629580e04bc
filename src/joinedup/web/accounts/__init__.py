"""Sign-in, sign-out and the lockout page."""
