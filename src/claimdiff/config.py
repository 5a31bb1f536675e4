"""Run settings: the knobs a user may turn, validated once at the boundary."""

from __future__ import annotations

from pydantic import Field

from claimdiff.models import Record


class Settings(Record):
    """Settings for one check run."""

    event_window_days: int = Field(
        default=3,
        ge=0,
        description="Dates closer than this (in days) may belong to one event.",
    )
    max_document_chars: int = Field(
        default=2_000_000, gt=0, description="Larger inputs are rejected as not an article."
    )
