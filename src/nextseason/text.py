"""Text helpers: safe plain text from sources' HTML, and the keys titles are matched on."""

from __future__ import annotations

import html
import re
import unicodedata

import nh3

__all__ = ["plain_text", "sentences", "split_qualifier", "title_key"]

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


#: A country written after a title to tell a remake from its original: "The Office (U.S.)",
#: "Shameless (US)", "Queer as Folk (UK)". The code is ISO 3166-1.
_QUALIFIER = re.compile(r"^(?P<title>.+?)\s*\((?P<country>U\.?S\.?A?\.?|U\.?K\.?|AU|CA|NZ|IE)\)$")
_QUALIFIER_CODES = {
    "us": "US",
    "usa": "US",
    "uk": "GB",
    "au": "AU",
    "ca": "CA",
    "nz": "NZ",
    "ie": "IE",
}


def split_qualifier(title: str) -> tuple[str, str | None]:
    """A title without its country qualifier, and that country: "The Office (U.S.)" ->
    ("The Office", "US"). Titles without one come back unchanged, with None."""
    found = _QUALIFIER.match(title.strip())
    if not found:
        return title.strip(), None
    code = found.group("country").replace(".", "").casefold()
    return found.group("title"), _QUALIFIER_CODES.get(code)
