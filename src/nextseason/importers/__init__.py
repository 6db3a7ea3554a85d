"""Importers: building the bundled catalog from the published raw files in ``raw/``.

One reader per file family turns raw rows into fragments of shows (``tvmaze_schedule``,
``tvmaze_index``, ``catalogs_2021``, ``netflix_2022``, ``netflix_top10``,
``netflix_engagement``, ``reddit``); ``resolve`` decides which fragments are the same show;
``bundled.build_bundled`` runs the whole build, with the premise vectors of the similar-shows
recommender.
"""
