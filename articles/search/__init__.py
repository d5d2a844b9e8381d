"""Search in Kazakh, Russian and English (see README.md, "Search").

A Django app of its own (label ``search``) inside the articles package: the
index tables, the analysis that fills them, the queries that read them and
the commands that rebuild them.
"""
