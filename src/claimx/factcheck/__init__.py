"""Tools for fact-checkers: compare figures across articles, report, export tables.

- :mod:`claimx.factcheck.tables`: records as DuckDB tables; export to Parquet/DuckDB.
- :mod:`claimx.factcheck.compare`: keyed, flagged statements (one SQL query).
- :mod:`claimx.factcheck.report`: one self-contained HTML report.
- :mod:`claimx.factcheck.cli`: the ``compare``, ``report`` and ``export`` commands.
"""
