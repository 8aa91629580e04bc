"""Free-text comments and the lessons-learned log, tagged with factors, with coordinators' corrections."""
