"""The outlook's one error: its model file cannot be used (kept apart so that catching it
does not import numpy)."""

from __future__ import annotations

from nextseason.errors import NextseasonError

__all__ = ["OutlookModelError"]


class OutlookModelError(NextseasonError):
    """The shipped outlook model is missing, corrupt or of another format."""

    http_status = 503
    code = "outlook_model_unavailable"
