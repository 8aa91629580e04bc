from django.contrib import admin
from django.http import HttpRequest

from .models import (
    Agency,
    ImportBatch,
    Invitation,
    Membership,
    MembershipInvitation,
    Partnership,
    Response,
    Round,
)


class AgencyInline(admin.TabularInline):
    model = Agency
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["name", "nation", "created_on"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [AgencyInline, MembershipInline]


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ["name", "partnership", "status", "opens_on", "closes_on", "min_group_size"]
    list_filter = ["status", "partnership"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["round", "agency", "invited"]
    readonly_fields = ["token"]


@admin.register(MembershipInvitation)
class MembershipInvitationAdmin(admin.ModelAdmin):
    """Who was offered which role, by whom, and whether they answered; accepting is the invitee's own act."""

    list_display = [
        "partnership",
        "user",
        "email",
        "role",
        "created_by",
        "created_at",
        "accepted_at",
        "declined_at",
    ]
    list_filter = ["partnership", "role"]
    readonly_fields = ["token", "created_at", "accepted_at", "declined_at"]


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["filename", "round", "source_format", "rows", "imported_on"]


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    """Read-only: answers are anonymous and may be removed only with their round or import."""

    list_display = ["pk", "round", "agency", "role_group", "submitted_on"]
    list_filter = ["round__partnership"]

    def has_add_permission(self, request: HttpRequest, obj: Response | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Response | None = None) -> bool:
        return False
