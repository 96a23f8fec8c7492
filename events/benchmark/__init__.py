"""`manage.py bench`: build a large database in `conflictwatch_bench` and measure.

`database` picks and creates that database, `build` fills it (ingest, extract,
`replicate`), `extraction` times the pipeline, `http` times pages over real
HTTP, `peer` serves the same events with Datasette, `explain` keeps the query
plans, and `report` writes the table.
"""
