"""Countries as ISO 3166-1 codes: from the names the raw files spell, and of TV networks.

The streaming catalogs write "United States", OMDb "USA", the 2022 Netflix file "US"; one
code per country lets resolution tell the UK "Shameless" from the US one. A network's
country comes from TMDB's network list (``raw/tmdb/networks_2026-02.json``: every TMDB show
with its networks and their countries), so "Channel 4" is GB and "MBC" KR without a table
written by hand.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from nextseason.errors import BuildError
from nextseason.importers.rawfiles import RawDir, read_json
from nextseason.text import title_key

__all__ = ["NETWORKS_FILE", "country_code", "country_codes", "read_network_countries"]

NETWORKS_FILE = "tmdb/networks_2026-02.json"

#: A network's country is taken when at least this share of TMDB's shows on a network of
#: that name give it ("NBC" is also a Japanese channel's name in a few rows).
NETWORK_COUNTRY_SHARE = 0.8

# Keys are title_key() forms of the names the raw files use.
_NAMES: dict[str, str] = {
    "usa": "US",
    "us": "US",
    "united states": "US",
    "united states of america": "US",
    "puerto rico": "US",
    "uk": "GB",
    "gb": "GB",
    "united kingdom": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "west germany": "DE",
    "east germany": "DE",
    "soviet union": "RU",
    "russia": "RU",
    "south korea": "KR",
    "korea": "KR",
    "czech republic": "CZ",
    "hong kong": "HK",
    "taiwan": "TW",
    "united arab emirates": "AE",
    "vatican city": "VA",
    "iran": "IR",
    "vietnam": "VN",
    "syria": "SY",
    "palestine": "PS",
    "tanzania": "TZ",
    "kosovo": "XK",
    "cayman islands": "KY",
    "french polynesia": "PF",
    "dominican republic": "DO",
    "costa rica": "CR",
    "sri lanka": "LK",
    "south africa": "ZA",
    "new zealand": "NZ",
    "saudi arabia": "SA",
    "burkina faso": "BF",
}
# Countries whose one-word English name the files use, with their codes.
_SIMPLE = (
    "india IN canada CA japan JP france FR germany DE spain ES australia AU mexico MX "
    "china CN italy IT egypt EG brazil BR turkey TR belgium BE nigeria NG argentina AR "
    "indonesia ID philippines PH ireland IE denmark DK thailand TH sweden SE colombia CO "
    "netherlands NL singapore SG poland PL norway NO israel IL chile CL malaysia MY "
    "lebanon LB switzerland CH pakistan PK austria AT romania RO luxembourg LU finland FI "
    "hungary HU bulgaria BG uruguay UY greece GR iceland IS jordan JO qatar QA peru PE "
    "portugal PT kuwait KW serbia RS kenya KE cambodia KH morocco MA ghana GH venezuela VE "
    "croatia HR bangladesh BD malta MT ukraine UA slovenia SI botswana BW algeria DZ "
    "senegal SN namibia NA zimbabwe ZW guatemala GT georgia GE kazakhstan KZ afghanistan AF "
    "ethiopia ET nepal NP mauritius MU angola AO iraq IQ albania AL armenia AM bahamas BS "
    "jamaica JM panama PA montenegro ME monaco MC cameroon CM mozambique MZ belarus BY "
    "cyprus CY malawi MW paraguay PY slovakia SK bermuda BM ecuador EC mongolia MN latvia LV "
    "liechtenstein LI cuba CU nicaragua NI samoa WS azerbaijan AZ lithuania LT somalia SO "
    "sudan SD uganda UG tunisia TN estonia EE"
).split()
_NAMES.update(zip(_SIMPLE[::2], _SIMPLE[1::2], strict=True))
_CODES = frozenset(_NAMES.values())


def country_code(name: str | None) -> str | None:
    """The ISO code of a country as a file names it ("USA", "United Kingdom", "KR")."""
    if not name:
        return None
    key = title_key(name)
    if key in _NAMES:
        return _NAMES[key]
    code = name.strip().upper()
    return code if len(code) == 2 and code in _CODES else None


def country_codes(names: Iterable[str]) -> tuple[str, ...]:
    """The codes of several countries, in order, each once; unknown names are left out."""
    out: dict[str, None] = {}
    for name in names:
        code = country_code(name)
        if code:
            out.setdefault(code, None)
    return tuple(out)


def read_network_countries(raw_dir: RawDir) -> dict[str, str]:
    """Network name (as :func:`title_key` folds it) -> the country most of its shows give.

    The file lists, for every TMDB show, each of its networks with the network's country.
    A name shared by channels of several countries gets the country of at least
    :data:`NETWORK_COUNTRY_SHARE` of its rows, or none.
    """
    raw = raw_dir.file(NETWORKS_FILE)
    rows = read_json(raw)
    if not isinstance(rows, list):
        raise BuildError(f"raw file {raw.name}: expected a JSON list of network rows")
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for i, row in enumerate(rows, 1):
        if not isinstance(row, dict) or not isinstance(row.get("network_name"), str):
            raise BuildError(f"raw file {raw.name}, row {i}: expected network_name")
        country = row.get("network_country")
        if isinstance(country, str) and len(country) == 2:
            seen[title_key(row["network_name"])][country.upper()] += 1
    out: dict[str, str] = {}
    for name, counts in seen.items():
        code, n = counts.most_common(1)[0]
        if n >= NETWORK_COUNTRY_SHARE * sum(counts.values()):
            out[name] = code
    return out
