"""One name per platform, so the same service matches across files.

TVmaze says "Prime Video", the Kaggle catalogs are "Amazon Prime", Reddit's counts say
"Amazon Prime Video"; HBO Max became "Max" in 2023. :func:`platform_name` folds such
spellings to one canonical name; any other name is kept as the source spells it.
"""

from __future__ import annotations

from typing import Literal

from nextseason.model import PlatformRef
from nextseason.text import title_key

__all__ = [
    "CATALOG_SERVICES",
    "DISNEY_PLUS",
    "HULU",
    "NETFLIX",
    "PRIME_VIDEO",
    "platform_name",
    "platform_ref",
    "same_platform",
]

NETFLIX = "Netflix"
PRIME_VIDEO = "Prime Video"
DISNEY_PLUS = "Disney+"
HULU = "Hulu"
HBO_MAX = "HBO Max"
APPLE_TV_PLUS = "Apple TV+"

# Keys are title_key() forms, so case, spacing and punctuation do not matter.
_ALIASES: dict[str, str] = {
    "netflix": NETFLIX,
    "prime video": PRIME_VIDEO,
    "amazon prime video": PRIME_VIDEO,
    "amazon prime": PRIME_VIDEO,
    "amazon": PRIME_VIDEO,
    "amazon video": PRIME_VIDEO,
    "disney": DISNEY_PLUS,  # "Disney+" folds to "disney"
    "disney plus": DISNEY_PLUS,
    "hulu": HULU,
    "hbo max": HBO_MAX,
    "max": HBO_MAX,
    "apple tv": APPLE_TV_PLUS,  # "Apple TV+" folds to "apple tv"
    "apple tv plus": APPLE_TV_PLUS,
    "appletv": APPLE_TV_PLUS,
}

#: The streaming services whose 2021 catalogs are among the raw files.
CATALOG_SERVICES = frozenset({NETFLIX, PRIME_VIDEO, DISNEY_PLUS, HULU})

#: Values the files use for "none".
_NONE = {"", "n a", "none", "null"}


def platform_name(name: str | None) -> str | None:
    """The canonical name of a platform, or None for an empty / "N/A" value."""
    if name is None:
        return None
    key = title_key(name)
    if key in _NONE:
        return None
    return _ALIASES.get(key, name.strip())


def same_platform(a: str | None, b: str | None) -> bool:
    """Whether two platform names (as any file spells them) are the same platform."""
    na, nb = platform_name(a), platform_name(b)
    return na is not None and nb is not None and title_key(na) == title_key(nb)


def platform_ref(
    name: str, kind: Literal["network", "streaming"], country: str | None = None
) -> PlatformRef:
    """A PlatformRef with the canonical name; the big services carry no country."""
    canonical = platform_name(name) or name.strip()
    if canonical in _ALIASES.values():
        country = None
    return PlatformRef(canonical, kind, country)
