"""A show's poster: the image URL a live source gave when the show was last fetched.

TVmaze's ``image.medium`` and TMDB's ``poster_path`` are kept in each source's show record
(``show_records.data["poster"]``), so no schema change is needed; the bundled catalog, built
from published files, has none, and pages show a placeholder then. Only URLs on the two
sources' own image hosts are returned, so a page never loads an image from anywhere else.
"""

from __future__ import annotations

from sqlalchemy import Connection, select

from nextseason.catalog import schema as t

__all__ = ["POSTER_HOSTS", "poster_url"]

#: Where posters may come from (the web app's Content-Security-Policy allows these).
POSTER_HOSTS = ("https://static.tvmaze.com/", "https://image.tmdb.org/")
#: TVmaze's poster is preferred: its licence (CC BY-SA) allows showing it with credit.
_ORDER = ("tvmaze", "tmdb")


def poster_url(conn: Connection, show_id: int) -> tuple[str, str] | None:
    """(URL, source key) of the show's poster, or None when no live fetch stored one."""
    rows = conn.execute(
        select(t.show_records.c.source, t.show_records.c.data).where(
            t.show_records.c.show_id == show_id, t.show_records.c.source.in_(_ORDER)
        )
    ).all()
    found: dict[str, str] = {}
    for source, data in rows:
        url = (data or {}).get("poster") if isinstance(data, dict) else None
        if isinstance(url, str) and url.startswith(POSTER_HOSTS) and '"' not in url:
            found.setdefault(source, url)
    for source in _ORDER:
        if source in found:
            return found[source], source
    return None
