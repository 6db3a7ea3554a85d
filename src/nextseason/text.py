"""Turning the HTML that sources put in summaries into safe plain text."""

from __future__ import annotations

import html
import re

import nh3

__all__ = ["plain_text", "sentences"]

_SPACE = re.compile(r"\s+")
_BLOCK = re.compile(r"</?(p|br|div|li)\b[^>]*>", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'])")


def plain_text(markup: str | None) -> str:
    """Plain text of a source's HTML: tags and script/style content removed, entities decoded."""
    if not markup:
        return ""
    spaced = _BLOCK.sub(" ", markup)
    cleaned = nh3.clean(spaced, tags=set(), attributes={})
    return _SPACE.sub(" ", html.unescape(cleaned)).strip()


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]
