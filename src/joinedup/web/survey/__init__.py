"""The anonymous self-assessment that partners answer through an invitation link."""
