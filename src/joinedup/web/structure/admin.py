"""Administration of the structure records, each with its change history (simple-history)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    ActionItem,
    ActionUpdate,
    AgencyCompetence,
    FundingLine,
    Meeting,
    MeetingAction,
    MeetingAttendance,
    Post,
    RaciCell,
    RaciTask,
    Target,
    TargetReading,
    UnfundedCost,
)


class RaciCellInline(admin.TabularInline):
    model = RaciCell
    extra = 0


class TargetReadingInline(admin.TabularInline):
    model = TargetReading
    extra = 0


class MeetingAttendanceInline(admin.TabularInline):
    model = MeetingAttendance
    extra = 0


class MeetingActionInline(admin.TabularInline):
    model = MeetingAction
    extra = 0


class ActionUpdateInline(admin.TabularInline):
    model = ActionUpdate
    extra = 0


@admin.register(RaciTask)
class RaciTaskAdmin(SimpleHistoryAdmin):
    list_display = ["name", "partnership", "competence"]
    list_filter = ["partnership"]
    search_fields = ["name"]
    inlines = [RaciCellInline]


@admin.register(RaciCell)
class RaciCellAdmin(SimpleHistoryAdmin):
    list_display = ["task", "agency", "letters"]
    list_filter = ["task__partnership"]


@admin.register(AgencyCompetence)
class AgencyCompetenceAdmin(SimpleHistoryAdmin):
    list_display = ["agency", "competence"]
    list_filter = ["agency__partnership"]


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "title", "partnership", "owner", "target_date"]
    list_filter = ["partnership"]
    search_fields = ["reference", "title"]
    inlines = [TargetReadingInline]


@admin.register(TargetReading)
class TargetReadingAdmin(SimpleHistoryAdmin):
    list_display = ["target", "as_of", "value", "reported_by"]
    list_filter = ["target__partnership"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "held_on", "kind", "partnership"]
    list_filter = ["partnership", "kind"]
    inlines = [MeetingAttendanceInline, MeetingActionInline]


@admin.register(MeetingAttendance)
class MeetingAttendanceAdmin(SimpleHistoryAdmin):
    list_display = ["meeting", "agency", "level"]
    list_filter = ["meeting__partnership"]


@admin.register(MeetingAction)
class MeetingActionAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "meeting", "status", "owner"]
    list_filter = ["meeting__partnership", "status"]


@admin.register(FundingLine)
class FundingLineAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "source", "agency", "amount_per_year", "mechanism", "certainty", "end"]
    list_filter = ["partnership", "mechanism", "certainty"]


@admin.register(Post)
class PostAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "title", "agency", "contract", "end"]
    list_filter = ["partnership", "contract"]


@admin.register(UnfundedCost)
class UnfundedCostAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "description", "amount_per_year"]
    list_filter = ["partnership"]


@admin.register(ActionItem)
class ActionItemAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "what", "owner", "due", "status", "factor"]
    list_filter = ["partnership", "status"]
    search_fields = ["reference", "what", "finding_key"]
    inlines = [ActionUpdateInline]


@admin.register(ActionUpdate)
class ActionUpdateAdmin(SimpleHistoryAdmin):
    list_display = ["action", "on", "status"]
    list_filter = ["action__partnership"]
