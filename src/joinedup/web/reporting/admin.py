from django.contrib import admin

from .models import RecommendationDecision


@admin.register(RecommendationDecision)
class RecommendationDecisionAdmin(admin.ModelAdmin):
    list_display = ["finding_key", "intervention", "decision", "partnership", "decided_on"]
    list_filter = ["decision", "partnership"]
