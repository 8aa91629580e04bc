"""The request type of a page behind sign-in.

`LoginRequiredMiddleware` sends anonymous visitors to the sign-in page before any view that is not
marked `@login_not_required` runs, so such a view's `request.user` is always an account. Django's
own `HttpRequest` cannot know that and types the user as possibly anonymous; views that read the
account (to own a record, find its memberships) take `SignedInRequest` to say so once.
"""

from django.contrib.auth.models import User
from django.http import HttpRequest


class SignedInRequest(HttpRequest):
    """An `HttpRequest` whose user the sign-in middleware has already required."""

    user: User
