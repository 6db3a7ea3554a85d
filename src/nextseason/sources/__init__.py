"""Live sources: one module per public API (TVmaze, TMDB, Wikidata, Wikipedia pageviews,
Google Trends, Reddit) over the one shared HTTP client in :mod:`nextseason.sources.http`.

Who each source is and how to credit it is provenance, kept in :mod:`nextseason.provenance`.
"""
