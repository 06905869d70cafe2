"""Compare figures and casualty counts across articles, in DuckDB.

One SQL query (built here) turns the tables of :mod:`claimx.factcheck.tables`
into *statements*: one per casualty count and one per figure that is not itself
a casualty count. Each statement gets a comparison key, a date, a speaker and
flags. The same query serves records read from JSONL (loaded into a temporary
DuckDB file) and tables exported earlier, so the logic exists once.
"""

from __future__ import annotations

import math
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb

from claimx.factcheck import keys
from claimx.factcheck.tables import load_records, open_tables

KEY_PARTS = ("outcome", "group", "cause", "place", "period")
DEFAULT_KEY = ("outcome", "group", "place", "period")
APPROX_MARGIN = 0.1

_PART_SQL = {
    "outcome": "outcome",
    "group": "grp",
    "cause": "cause",
    "place": "place",
    "period": "period",
}
_FILLED = ("cause", "place", "period")
_SYMBOL = {"=": "", "~": "~", ">": ">", "<": "<", ">=": "≥", "<=": "≤"}


def legend(key: Sequence[str] = DEFAULT_KEY) -> list[str]:
    """Lines explaining how statements were keyed and flagged, for people to judge them."""
    names = {"group": "victim group (plural head noun)", "place": "place (first proper name)"}
    return [
        "casualty key = "
        + " | ".join(names.get(p, p) for p in key)
        + "  (+ 'part of a larger count' for nested counts); - = not stated; "
        "inferred = a part the record leaves empty, taken from the only value that the other "
        "counts with that outcome (and group) state",
        "figure key = kind | unit | counted noun (first word after the number in the claim "
        "text); figures with no counted noun are listed but never flagged",
        "date = the date the claim was made, else the article's publication date",
        "evidence = the claim's content text (records carry no article text), "
        "else the number as written",
        f"disagreement = same key and date, ranges that cannot both hold ('~' widened by "
        f"{APPROX_MARGIN:.0%}, '>'/'≥' open above), from another article or speaker",
        "revised = the same key has different values on different dates (sequence shown)",
        "unattributed = not inside any claim; vague = speaker names nobody in particular "
        "(officials, sources, residents, unresolved pronouns)",
    ]


def format_number(number: float) -> str:
    """``2100.0`` -> ``2,100``; ``3.5e9`` -> ``3,500,000,000``; ``0.25`` -> ``0.25``."""
    if math.isinf(number) or math.isnan(number):
        return str(number)
    if number == int(number):
        return f"{int(number):,}"
    return f"{number:,.6g}" if abs(number) < 1e6 else f"{number:,.0f}"


def format_value(value: float, low: float, high: float, qualifier: str, unit: str = "") -> str:
    """A value as people write it: ``≥15``, ``~2,100``, ``12–15``, ``250,000 CHF``."""
    if low is not None and high is not None and low != high:
        number = f"{format_number(low)}–{format_number(high)}"
    else:
        number = format_number(value if value is not None else math.nan)
    text = _SYMBOL.get(qualifier or "=", qualifier) + number
    return f"{text} {unit}" if unit and unit not in ("count", "") else text


def register_functions(con: duckdb.DuckDBPyConnection) -> None:
    """Make the key functions of :mod:`claimx.factcheck.keys` callable from SQL."""
    text, num, whole = "VARCHAR", "DOUBLE", "BIGINT"
    functions = {
        "fc_group": (keys.victim_group, [text], text),
        "fc_place": (keys.place, [text], text),
        "fc_phrase": (keys.phrase, [text], text),
        "fc_period": (keys.period, [text, text], text),
        "fc_vague": (keys.is_vague, [text], "BOOLEAN"),
        "fc_counted": (keys.counted, [text, whole, whole, whole], text),
        "fc_value": (format_value, [num, num, num, text, text], text),
    }
    registered = {
        row[0] for row in con.execute("SELECT function_name FROM duckdb_functions()").fetchall()
    }
    for name, (function, params, result) in functions.items():
        if name not in registered:
            con.create_function(name, function, params, result)


def _fill(part: str, partition: str) -> str:
    """SQL: an empty part takes the only non-empty value in its partition."""
    known = f"nullif({part}, '')"
    return (
        f"CASE WHEN {part} = '' AND min({known}) OVER ({partition}) = max({known}) "
        f"OVER ({partition}) THEN min({known}) OVER ({partition}) ELSE {part} END"
    )


def statements_sql(key: Sequence[str] = DEFAULT_KEY) -> str:
    """The query producing one row per statement, in the column order of :class:`Statement`."""
    unknown = [p for p in key if p not in KEY_PARTS]
    if unknown or not key:
        raise ValueError(f"key parts must be among {', '.join(KEY_PARTS)}, got {list(key)}")
    per_group = "PARTITION BY outcome, grp, subset"
    filled = ", ".join(f"{_fill(p, per_group)} AS {p}" for p in _FILLED)
    stated = ", ".join(f"{p} AS {p}_stated" for p in _FILLED)
    inferred = ", ".join(
        f"CASE WHEN {_PART_SQL[p]}_stated = '' AND {_PART_SQL[p]} <> '' "
        f"THEN '{p}=' || {_PART_SQL[p]} END"
        for p in ("group", *_FILLED)
        if p in key
    )
    casualty_key = " || ' | ' || ".join(f"coalesce(nullif({_PART_SQL[p]}, ''), '-')" for p in key)
    return f"""
WITH
doc AS (SELECT doc_id, source, published FROM documents),
cl AS (
  SELECT doc_id, id, coalesce(nullif(speaker_name, ''), speaker_text) AS speaker,
         content_text, content_start, date
  FROM claims
),
casualty AS (
  SELECT 'casualty' AS kind, k.doc_id, k.id AS item, k.outcome, fc_group(k."group") AS grp,
         fc_phrase(k.cause) AS cause, fc_place(k.location) AS place,
         fc_period(k.since, k.until) AS period, k.part_of <> '' AS subset,
         k.count AS value, k.low, k.high, k.qualifier, '' AS unit, k.claim,
         coalesce(f.text, '') AS span
  FROM casualties k LEFT JOIN figures f ON f.doc_id = k.doc_id AND f.id = k.figure
),
casualty_grouped AS (
  SELECT * REPLACE ({_fill("grp", "PARTITION BY outcome, subset")} AS grp), grp AS grp_stated
  FROM casualty
),
casualty_keyed AS (
  SELECT kind, doc_id, item, value, low, high, qualifier, unit, claim, span, TRUE AS comparable,
         {casualty_key} || CASE WHEN subset THEN ' | part of a larger count' ELSE '' END AS key,
         concat_ws(', ', {inferred or "NULL"}) AS inferred
  FROM (SELECT * REPLACE ({filled}), {stated} FROM casualty_grouped)
),
figure_keyed AS (
  SELECT 'figure' AS kind, f.doc_id, f.id AS item, f.value, f.low, f.high, f.qualifier, f.unit,
         f.claim, f.text AS span, counted <> '' AS comparable,
         coalesce(nullif(f.kind, ''), '-') || ' | ' || coalesce(nullif(f.unit, ''), '-')
           || ' | ' || coalesce(nullif(counted, ''), '-') AS key, '' AS inferred
  FROM (
    SELECT f.*, coalesce(fc_counted(c.content_text, c.content_start, f.start, f."end"), '')
             AS counted
    FROM figures f LEFT JOIN cl c ON c.doc_id = f.doc_id AND c.id = f.claim
  ) f
  WHERE NOT EXISTS (
    SELECT 1 FROM casualties k WHERE k.doc_id = f.doc_id AND k.figure = f.id AND f.id <> ''
  )
),
stmt AS (
  SELECT s.*, coalesce(nullif(c.date, ''), d.published, '') AS date,
         CASE WHEN nullif(c.date, '') IS NOT NULL THEN 'claim' ELSE 'published' END AS date_from,
         coalesce(c.speaker, '') AS speaker,
         CASE WHEN c.id IS NULL THEN 'unattributed'
              WHEN fc_vague(c.speaker) THEN 'vague' ELSE 'named' END AS attribution,
         coalesce(d.source, '') AS source,
         coalesce(nullif(c.content_text, ''), s.span) AS evidence,
         fc_value(s.value, s.low, s.high, s.qualifier, s.unit) AS value_text,
         CASE WHEN s.qualifier IN ('<', '<=') THEN -'inf'::DOUBLE
              WHEN s.qualifier = '~' THEN s.low * (1 - {APPROX_MARGIN})
              ELSE s.low END AS lo,
         CASE WHEN s.qualifier IN ('>', '>=') THEN 'inf'::DOUBLE
              WHEN s.qualifier = '~' THEN s.high * (1 + {APPROX_MARGIN})
              ELSE s.high END AS hi
  FROM (SELECT * FROM casualty_keyed UNION ALL BY NAME SELECT * FROM figure_keyed) s
  LEFT JOIN doc d ON d.doc_id = s.doc_id
  LEFT JOIN cl c ON c.doc_id = s.doc_id AND c.id = s.claim
),
conflict AS (
  SELECT doc_id, item, string_agg(other, '; ' ORDER BY other) AS disagrees_with
  FROM (
    SELECT DISTINCT a.doc_id, a.item,
           b.value_text || ' (' || coalesce(nullif(b.speaker, ''), 'unattributed') || ', '
             || b.source || ')' AS other
    FROM stmt a JOIN stmt b
      ON a.kind = b.kind AND a.key = b.key AND a.date = b.date AND a.date <> ''
     AND a.comparable AND b.comparable
     AND (b.lo > a.hi OR b.hi < a.lo)
     AND (a.doc_id <> b.doc_id OR a.speaker <> b.speaker)
  )
  GROUP BY doc_id, item
),
per_date AS (
  SELECT kind, key, date, max(value) AS top, count(DISTINCT value) AS n_values,
         string_agg(value_text, ', ' ORDER BY value, value_text) AS vals
  FROM (SELECT DISTINCT kind, key, date, value, value_text FROM stmt
        WHERE comparable AND date <> '')
  GROUP BY kind, key, date
),
steps AS (
  SELECT *, top - lag(top) OVER (PARTITION BY kind, key ORDER BY date) AS step FROM per_date
),
revision AS (
  SELECT kind, key,
         string_agg(date || ': ' || vals, ' → ' ORDER BY date) AS revision,
         CASE WHEN min(step) >= 0 AND max(step) > 0 THEN 'rising'
              WHEN max(step) <= 0 AND min(step) < 0 THEN 'falling'
              WHEN max(step) = 0 AND min(step) = 0 THEN 'steady'
              ELSE 'mixed' END AS trend
  FROM steps GROUP BY kind, key
  HAVING count(*) > 1 AND (max(top) <> min(top) OR max(n_values) > 1)
)
SELECT s.kind, s.key, s.inferred, s.comparable, s.date, s.date_from, s.value, s.low, s.high,
       s.qualifier, s.unit, s.value_text, s.speaker, s.attribution, s.source, s.doc_id, s.item,
       s.claim, s.span, s.evidence, coalesce(x.disagrees_with, '') AS disagrees_with,
       coalesce(r.revision, '') AS revision, coalesce(r.trend, '') AS trend
FROM stmt s
LEFT JOIN conflict x ON x.doc_id = s.doc_id AND x.item = s.item
LEFT JOIN revision r ON r.kind = s.kind AND r.key = s.key
ORDER BY s.kind, s.key, s.date, s.value, s.source, s.doc_id, s.item
"""


@dataclass(frozen=True, slots=True)
class Statement:
    """One stated casualty count or figure, keyed and flagged for comparison."""

    kind: str
    key: str
    inferred: str
    comparable: bool
    date: str
    date_from: str
    value: float
    low: float
    high: float
    qualifier: str
    unit: str
    value_text: str
    speaker: str
    attribution: str
    source: str
    doc_id: str
    item: str
    claim: str
    span: str
    evidence: str
    disagrees_with: str
    revision: str
    trend: str
    flags: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        flags = []
        if self.disagrees_with:
            flags.append("disagreement")
        if self.revision:
            flags.append(f"revised ({self.trend})")
        if self.attribution != "named":
            flags.append(self.attribution)
        object.__setattr__(self, "flags", tuple(flags))

    def as_dict(self) -> dict[str, object]:
        """The statement as a JSON-ready dict (flags as a list)."""
        row = asdict(self)
        row["flags"] = list(self.flags)
        return row


def statements(
    con: duckdb.DuckDBPyConnection, key: Sequence[str] = DEFAULT_KEY, batch: int = 1000
) -> Iterator[Statement]:
    """Yield the statements of the tables in ``con``, ordered by kind, key and date."""
    register_functions(con)
    cursor = con.execute(statements_sql(key))
    while rows := cursor.fetchmany(batch):
        for row in rows:
            yield Statement(*row)


def compare_records(
    paths: Sequence[str | Path], key: Sequence[str] = DEFAULT_KEY
) -> Iterator[Statement]:
    """Load claimx JSONL files into a temporary DuckDB file and yield their statements."""
    with (
        tempfile.TemporaryDirectory(prefix="claimx-compare-") as tmp,
        duckdb.connect(str(Path(tmp) / "records.duckdb")) as con,
    ):
        load_records(con, paths)
        yield from statements(con, key)


def compare_tables(path: str | Path, key: Sequence[str] = DEFAULT_KEY) -> Iterator[Statement]:
    """Yield the statements of tables exported earlier (a DuckDB file or Parquet directory)."""
    with open_tables(path) as con:
        yield from statements(con, key)
