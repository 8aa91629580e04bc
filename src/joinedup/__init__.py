"""joinedup: evidence-based self-assessment for integrated children's services partnerships."""

__version__ = "0.1.0"
