"""Outcomes: each metric of the catalogue read from where its values live, and what they say.

:mod:`.sources` reads one metric (a file through DuckDB, a database through SQLAlchemy),
:mod:`.store` keeps what was read in the cache, :mod:`.read` reads every metric side by side
and falls back on the last values read, :mod:`.model` holds what was read, and
:mod:`.outcomes` says what the values mean: a trend, whether a target will be reached, how far
a metric moved after work was done, and how often forecasts came true.
"""
