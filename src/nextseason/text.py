"""Text helpers: safe plain text from sources' HTML, and the keys titles are matched on."""

from __future__ import annotations

import html
import re
import unicodedata

import nh3

__all__ = ["person_key", "plain_text", "sentences", "title_key"]

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


def title_key(title: str) -> str:
    """Normalized title for matching: case, accents, punctuation and '&' folded."""
    # Strip accents but keep every script's letters: "Élite" -> "elite", "더 글로리" stays.
    decomposed = unicodedata.normalize("NFKD", title)
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    text = unicodedata.normalize("NFKC", text).casefold().replace("&", " and ")
    cleaned = "".join(ch if ch.isalnum() else " " for ch in text)
    return " ".join(cleaned.split())


def person_key(name: str) -> str:
    return "name:" + title_key(name)
