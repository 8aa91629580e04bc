"""The `joinedup report` command line the output and PDF-maker tests run, in one place."""

from __future__ import annotations

from pathlib import Path


def report_arguments(
    responses: Path,
    target: Path | str,
    output_format: str,
    *,
    partnership: str = "Partnership 01",
    round_label: str = "Round 1",
) -> list[str]:
    """`joinedup report` of one round of `responses` into `target`, judged on a fixed day."""
    return [
        "report",
        str(responses),
        "--partnership",
        partnership,
        "--round",
        round_label,
        "--today",
        "2026-03-31",
        "--format",
        output_format,
        "-o",
        str(target),
    ]
