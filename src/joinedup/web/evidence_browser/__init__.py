"""Browse the evidence base: factors, works, claims and interventions."""
