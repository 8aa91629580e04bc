"""The evidence base: factors, works, claims, interventions and ratings."""
