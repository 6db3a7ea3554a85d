"""Word lists the mention finder needs to tell a show's title from an ordinary word.

Thousands of shows are called by a common word ("Love", "Dark", "You", "Wednesday"), so a
title found in running text counts only where its capitals say it is a name. These lists
say which capitalised words are *not* evidence of a show: small words that titles keep in
lower case, words that open sentences, and names of days, months, platforms, places and
peoples that are capitalised anyway.
"""

from __future__ import annotations

__all__ = [
    "COMMON_STARTERS",
    "FUNCTION_WORDS",
    "NEIGHBOURS",
    "NOT_TITLES",
    "PRESS",
    "PRONOUNS",
    "SHOW_FOLLOWERS",
    "SHOW_PRECEDERS",
    "SHOW_STATES",
    "SUBJECT_FOLLOWERS",
]

#: Words a title may keep in lower case ("Emily in Paris", "The Queen's Gambit").
FUNCTION_WORDS = frozenset(
    """a an the of in on at to for and or but nor with from by as vs via de la el du des le
    les del y e di da von van und der s t""".split()
)

#: Capitalised words that are not a show when they stand alone in running text.
NOT_TITLES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    netflix hulu amazon prime disney hbo max peacock apple paramount showtime starz amc fx
    nbc cbs abc fox cw bbc itv sky youtube crunchyroll tubi
    season seasons series episode episodes part volume chapter finale premiere trailer
    cast plot review recap spoilers spoiler update news release date
    i tv us uk usa america american british english french spanish german korean japanese
    italian indian chinese canadian australian irish scottish mexican brazilian swedish
    london paris new york los angeles tokyo seoul berlin madrid rome chicago
    christmas halloween easter god emmy emmys oscar oscars golden globe globes
    mr mrs ms dr sir lady lord king queen prince princess duke duchess""".split()
)

#: Words that often open a sentence or a heading: a title spelled like one needs more than
#: its capital letter to count there.
COMMON_STARTERS = frozenset(
    """you it this that these those there here when while after before but and so now then
    still yet also however meanwhile if as at in on for with without from by like unlike
    what who why how where which we they he she his her its our their my your love dark
    all some many more most other another each every one two three first last next new
    good bad best big little great true real here home life death war peace time world""".split()
)

#: Words that follow a show's title when the title is the subject of a sentence.
SUBJECT_FOLLOWERS = frozenset(
    """is was has had stars starred follows followed premiered premieres debuted debuts
    returns returned ended concluded season seasons s will won got became remains centres
    centers tells sees streams streamed spanned lasted ran runs aired airs consists comprises
    first originally opened""".split()
)

#: Words after a title that only a show takes ("Wednesday premiered"): they make even a
#: day's or a month's name a title.
SHOW_FOLLOWERS = frozenset(
    """premiered premieres debuted debuts streams streamed stars starred season seasons
    returns returned airs aired renewed cancelled canceled""".split()
)
#: States after "was"/"is"/"has": "Wednesday was renewed".
SHOW_STATES = frozenset(
    """renewed cancelled canceled picked greenlit returning streaming based created
    ended been""".split()
)
#: Verbs before a title that only a show takes: "Netflix renewed Wednesday".
SHOW_PRECEDERS = frozenset(
    """renewed cancelled canceled axed binge binged stream streaming watch watched
    rewatch""".split()
)

#: Sentence openers that are pronouns or determiners: never a title at the start of a
#: sentence, whatever follows ("It is", "This was").
PRONOUNS = frozenset(
    """it this that these those there here what who which he she they we i one all some each
    every another its his her their our my your""".split()
)

#: Capitalised words that may touch a title without making it part of a longer name.
NEIGHBOURS = frozenset(
    """season seasons series part volume episode episodes finale premiere trailer cast
    netflix hulu hbo disney prime amazon apple peacock paramount star""".split()
)

#: Publications articles cite as their source ("Variety reports", "told Deadline"): also
#: titles of shows, but not where they stand as a source. Title keys.
PRESS = frozenset(
    {
        "variety",
        "deadline",
        "vanity fair",
        "time magazine",
        "people",
        "entertainment weekly",
        "the hollywood reporter",
        "hollywood reporter",
        "tvline",
        "collider",
        "indiewire",
        "the wrap",
        "radio times",
        "us weekly",
        "screen rant",
        "rotten tomatoes",
        "imdb",
        "the new york times",
        "new york times",
        "los angeles times",
        "the guardian",
        "empire",
        "rolling stone",
        "vulture",
        "tv guide",
        "digital spy",
        "forbes",
        "the verge",
        "reuters",
        "associated press",
        "the independent",
        "the telegraph",
        "daily mail",
        "cinemablend",
        "looper",
    }
)
