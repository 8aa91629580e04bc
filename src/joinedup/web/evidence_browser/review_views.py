"""The evidence lead's review step: upload a review, then accept, edit or reject each proposed claim.

Extraction is the core's (`joinedup.evidence.extraction`); these views only keep the proposals
in the session between the two pages and write what a person accepted into the deployer's
evidence folder (`settings.JOINEDUP_EVIDENCE_DIR`). Nothing is written without that folder,
and nothing is ever written into the bundled data. Only evidence editors (staff, or the
"Evidence editors" group: `access.EDIT_EVIDENCE`) reach these pages; any other account gets a 403.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from pathlib import Path
from typing import Any

import yaml
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from joinedup.evidence import Direction, EvidenceError, load_evidence_base
from joinedup.evidence.extraction import (
    Additions,
    ProposedClaim,
    ReviewFileError,
    evidence_document,
    extract_review,
    factor_texts,
    known_works,
    propose_additions,
    review_text,
)
from joinedup.io.safety import REVIEW_LIMITS
from joinedup.web.govuk_forms import GovukFormMixin
from joinedup.web.partnerships.access import EDIT_EVIDENCE
from joinedup.web.uploads import max_upload_bytes, refuse_oversized

from .source import current_evidence_base

SESSION_KEY = "evidence_review"
UPLOAD_SUFFIXES = (".txt", ".docx")
DECISIONS = [("accept", "Accept"), ("edit", "Accept with my edits"), ("reject", "Reject")]


class ReviewUploadForm(GovukFormMixin, forms.Form):
    review = forms.FileField(
        label="Review text",
        help_text="A narrative review as a .txt or .docx file.",
    )

    def clean_review(self) -> str:
        upload = self.cleaned_data["review"]
        name = Path(upload.name).name
        if not name.lower().endswith(UPLOAD_SUFFIXES):
            raise forms.ValidationError(f"{name} is not a .txt or .docx file")
        refuse_oversized(upload)
        try:
            text = review_text(upload.read(), name, limits=REVIEW_LIMITS.with_max_bytes(max_upload_bytes()))
        except ReviewFileError as error:
            raise forms.ValidationError(str(error)) from error
        if not text.strip():
            raise forms.ValidationError(f"{name} is empty")
        self.cleaned_data["name"] = name
        return text


class ClaimDecisionForm(GovukFormMixin, forms.Form):
    """One field group per proposed claim: the decision, and the summary and direction to keep."""

    def __init__(self, claims: list[ProposedClaim], *args: Any, **kwargs: Any) -> None:
        self.claims = claims
        super().__init__(*args, **kwargs)
        for index, claim in enumerate(claims):
            self.fields[f"decision_{index}"] = forms.ChoiceField(
                label=f"{claim.factor} ← {claim.work}", choices=DECISIONS, widget=forms.RadioSelect
            )
            self.fields[f"summary_{index}"] = forms.CharField(
                label="Summary, in one line", initial=claim.summary, required=False, max_length=300
            )
            self.fields[f"direction_{index}"] = forms.ChoiceField(
                label="Direction", choices=[(d.value, d.value) for d in Direction], initial=claim.direction
            )

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "claim": claim,
                "decision": self[f"decision_{index}"],
                "summary": self[f"summary_{index}"],
                "direction": self[f"direction_{index}"],
            }
            for index, claim in enumerate(self.claims)
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for index in range(len(self.claims)):
            if (
                cleaned.get(f"decision_{index}") == "edit"
                and not (cleaned.get(f"summary_{index}") or "").strip()
            ):
                self.add_error(
                    f"summary_{index}", "Write the summary you want to keep, or accept the proposed one"
                )
        return cleaned

    def accepted(self) -> list[ProposedClaim]:
        kept = []
        for index, claim in enumerate(self.claims):
            decision = self.cleaned_data[f"decision_{index}"]
            if decision == "accept":
                kept.append(claim)
            elif decision == "edit":
                kept.append(
                    ProposedClaim(
                        **{
                            **asdict(claim),
                            "summary": self.cleaned_data[f"summary_{index}"].strip(),
                            "direction": self.cleaned_data[f"direction_{index}"],
                        }
                    )
                )
        return kept


def _evidence_folder() -> Path | None:
    folder = getattr(settings, "JOINEDUP_EVIDENCE_DIR", None)
    return Path(folder) if folder else None


def _target(folder: Path, review_name: str) -> Path:
    stem = re.sub(r"[^a-z0-9]+", "-", Path(review_name).stem.lower()).strip("-") or "review"
    return folder / f"review-{stem}.yaml"


def _no_folder(request: HttpRequest) -> HttpResponse:
    return render(request, "evidence_browser/review_no_folder.html", status=409)


@permission_required(EDIT_EVIDENCE, raise_exception=True)
def review_upload(request: HttpRequest) -> HttpResponse:
    """Upload a review; its proposals wait in the session for the decision page."""
    folder = _evidence_folder()
    if folder is None:
        return _no_folder(request)
    posted = request.method == "POST"
    form = ReviewUploadForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        name = form.cleaned_data["name"]
        if _target(folder, name).exists():
            form.add_error(
                "review", f"{name} has been merged before; remove {_target(folder, name).name} first"
            )
        else:
            base = current_evidence_base() if folder.is_dir() else load_evidence_base()
            extraction = extract_review(
                form.cleaned_data["review"], factors=factor_texts(base), known=known_works(base)
            )
            additions = propose_additions(extraction, base)
            request.session[SESSION_KEY] = {
                "name": name,
                "works": [w.model_dump(mode="json") for w in additions.works],
                "claims": [asdict(c) for c in additions.claims],
                "unresolved": [u.model_dump(mode="json") for u in additions.unresolved],
                "left_out": additions.left_out,
                "found": len(extraction.works),
            }
            return redirect("evidence_browser:review_claims")
    return render(request, "evidence_browser/review_upload.html", {"form": form})


def _stored_additions(stored: dict[str, Any]) -> Additions:
    from joinedup.evidence import UnresolvedCitation, Work

    return Additions(
        works=[Work.model_validate(w) for w in stored["works"]],
        claims=[ProposedClaim(**c) for c in stored["claims"]],
        unresolved=[UnresolvedCitation.model_validate(u) for u in stored["unresolved"]],
        left_out=list(stored["left_out"]),
    )


@permission_required(EDIT_EVIDENCE, raise_exception=True)
def review_claims(request: HttpRequest) -> HttpResponse:
    """Accept, edit or reject each proposed claim, then write the accepted ones to the evidence folder."""
    folder = _evidence_folder()
    if folder is None:
        return _no_folder(request)
    stored = request.session.get(SESSION_KEY)
    if not stored:
        return redirect("evidence_browser:review_upload")
    additions = _stored_additions(stored)
    posted = request.method == "POST"
    form = ClaimDecisionForm(additions.claims, request.POST if posted else None)
    if posted and form.is_valid():
        accepted = form.accepted()
        if accepted:
            target = _target(folder, stored["name"])
            document = evidence_document(additions, accepted)
            folder.mkdir(parents=True, exist_ok=True)
            target.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8")
            try:
                load_evidence_base(folder)
            except EvidenceError as error:
                target.unlink()
                form.add_error(None, f"Nothing was saved: the result would not load ({error.problems[0]})")
                return render(request, "evidence_browser/review_claims.html", _claims_context(form, stored))
            messages.success(
                request, f"Saved {len(accepted)} claims and {len(document['works'])} works to {target.name}"
            )
        else:
            messages.info(request, "Every proposed claim was rejected; nothing was saved")
        del request.session[SESSION_KEY]
        return redirect("evidence_browser:factors")
    return render(request, "evidence_browser/review_claims.html", _claims_context(form, stored))


def _claims_context(form: ClaimDecisionForm, stored: dict[str, Any]) -> dict[str, Any]:
    return {
        "form": form,
        "rows": form.rows(),
        "review_name": stored["name"],
        "found": stored["found"],
        "new_works": stored["works"],
        "unresolved": stored["unresolved"],
        "left_out": stored["left_out"],
    }
