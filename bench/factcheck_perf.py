"""Fact-check speed: a 2,000-word article from a warm catalog, offline. Target: <= 1 s.

The article is a realistic "season guide" draft: a headline, paragraphs about a dozen
shows with platform, season, episode, premiere, status, cast and source claims, and a
"similar shows" list. Warm means the catalog is open and its title index built (as in the
web app or the second article of a CLI session); the first, cold call is reported too.
"""

from __future__ import annotations

import re
import time
from datetime import date

from _common import machine, ms, percentiles, temp_dir, time_calls
from nextseason.catalog import Catalog
from nextseason.factcheck import check_article

TODAY = date(2026, 11, 27)
PARAGRAPHS = [
    "Netflix's *Bridgerton* is one of the streamer's biggest hits. The Regency drama "
    "premiered on December 25, 2020, and is based on the novels by Julia Quinn. The first "
    "season has eight episodes, and Bridgerton has four seasons so far. Phoebe Dynevor "
    "stars as Daphne Bridgerton, while Jonathan Bailey plays Anthony.",
    "Stranger Things, created by the Duffer Brothers, stars Winona Ryder as Joyce Byers and "
    "Millie Bobby Brown as Eleven. The show ran for five seasons on Netflix and premiered in "
    "2016. Its fifth and final season arrived in 2025.",
    "Squid Game premiered on Netflix in September 2021 and was renewed for season 2. Lee "
    "Jung-jae plays Seong Gi-hun. The series ran for two seasons.",
    "The Crown ran for five seasons. The fourth season of The Crown premiered on November 15, "
    "2020, and Claire Foy played Queen Elizabeth II in the first two seasons.",
    "Tiny Pretty Things was cancelled after one season. The ballet drama debuted on December "
    "14, 2020, and has ten episodes.",
    "Wednesday was renewed for a second season. It premiered on November 23, 2022, and stars "
    "Jenna Ortega as Wednesday Addams.",
    "Lupin is a French Netflix series starring Omar Sy. Dark was the first German Netflix "
    "original series, and Dark has three seasons.",
    "Alice in Borderland's first season consists of eight episodes. It was renewed for a "
    "third season, and Sweet Home has a 10-episode first season.",
    "Ozark spanned four seasons and premiered in July 2017. Sex Education first streamed in "
    "January 2019 and ran for four seasons.",
    "The Mandalorian is a Disney+ original series that premiered on November 12, 2019. Its "
    "second season has eight episodes.",
]
LIST = """
## Similar shows

- *The Witcher* (Netflix, 2019)
- *Heartstopper* (Netflix, 2022)
- *Emily in Paris* (Netflix, 2020)
- *Cobra Kai* (Netflix, 2018)
- *Virgin River* (Netflix, 2019)
"""


def article(words: int = 2000) -> str:
    parts = ["# Bridgerton Season 5 and Twelve More Shows: Everything We Know", ""]
    i = 0
    while len(re.findall(r"\w+", "\n\n".join(parts))) < words - 60:
        parts.append(PARAGRAPHS[i % len(PARAGRAPHS)])
        parts.append("")
        i += 1
        if i % len(PARAGRAPHS) == 0:
            parts.append(f"## Part {i // len(PARAGRAPHS) + 1}")
            parts.append("")
    return "\n".join(parts) + LIST


def main(repeat: int = 15) -> None:
    text = article()
    words = len(re.findall(r"\w+", text))
    db = temp_dir() / "catalog.sqlite"
    Catalog.open(f"sqlite:///{db}").close()  # unpack the shipped catalog once
    with Catalog.open(f"sqlite:///{db}") as catalog:
        start = time.perf_counter()
        report = check_article(catalog, text, today=TODAY)
        cold = time.perf_counter() - start
        samples = time_calls(lambda: check_article(catalog, text, today=TODAY), repeat)
    stats = percentiles(samples)
    print(f"machine: {machine()}")
    print(
        f"article: {words} words, {len(text):,} characters; {report.summary.line()}, "
        f"{len(report.shows)} shows"
    )
    print(f"cold (first call, builds the title index): {ms(cold)}")
    print(
        f"warm: p50 {ms(stats['p50'])}, p90 {ms(stats['p90'])}, min {ms(stats['min'])} "
        f"(n={stats['n']}); target <= 1000 ms: {'met' if stats['p90'] <= 1.0 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
