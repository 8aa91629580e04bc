"""Uploads are limited in size before anything reads them.

Django reads a multipart body into memory or a temporary file before a view runs. The
handler here sits first in `FILE_UPLOAD_HANDLERS`: it counts each file's bytes as they
arrive and, once a file passes `JOINEDUP_MAX_UPLOAD_BYTES`, stops handing them on, so
nothing past the limit is kept in memory or on disk. The view then gets an
`OversizedUpload` (no content, its size the count so far) and the form refuses it with
`refuse_oversized` in the GOV.UK error summary, before any reader or database work: a
50 MB roles sheet is turned away in the time it takes to arrive, with no write lock held.
"""

from __future__ import annotations

import io
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler

from joinedup.io.safety import size_text


def max_upload_bytes() -> int:
    return int(settings.JOINEDUP_MAX_UPLOAD_BYTES)


class OversizedUpload(UploadedFile):
    """Stands for a file that was too large: its name and how much of it arrived, no content."""

    def __init__(self, name: str, size: int, content_type: str | None) -> None:
        super().__init__(io.BytesIO(b""), name, content_type, size)


class SizeLimitUploadHandler(FileUploadHandler):
    """Passes chunks to the next handler until a file is larger than the limit, then drops them."""

    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self.limit = max_upload_bytes()
        self.received = 0

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        return raw_data if self.received <= self.limit else None

    def file_complete(self, file_size: int) -> UploadedFile | None:
        if self.received <= self.limit:
            return None
        return OversizedUpload(self.file_name or "upload", self.received, self.content_type)


def refuse_oversized(upload: UploadedFile | None) -> None:
    """The form's check: a file over the limit is refused by name and size."""
    if upload is None:
        return
    limit = max_upload_bytes()
    if isinstance(upload, OversizedUpload) or (upload.size or 0) > limit:
        raise forms.ValidationError(
            f"The selected file must be smaller than {size_text(limit)}",
            code="file_too_large",
        )
