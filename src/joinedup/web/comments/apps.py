from django.apps import AppConfig
from django.db.models.signals import post_save


class CommentsConfig(AppConfig):
    name = "joinedup.web.comments"
    label = "comments"
    verbose_name = "Comments and lessons learned"

    def ready(self) -> None:
        from .arrival import tag_on_arrival

        post_save.connect(
            tag_on_arrival, sender="partnerships.Response", dispatch_uid="comments.tag_on_arrival"
        )
