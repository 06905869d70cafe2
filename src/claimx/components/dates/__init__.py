"""Dates: temporal expressions with TIMEX3 values (the ``claimx_dates`` component).

Writes ``doc._.claimx_dates``: one dict per expression, the ``dates`` items of
the claimx/1 schema (``claimx/schema/claimx-1.schema.json``) without ``id`` and
``text``; ``value`` is resolved against ``doc._.claimx_published``
(YYYY-MM-DD or "").

Candidates come from the regular expressions in ``models/dates/patterns.json``
(filled from the lexicons, :mod:`.lexicon`); the longest match wins, and a
rule's normaliser (:mod:`.normalisers`) turns it into a TIMEX3 value. The base
model's parse supplies the tense that picks the year of partial dates
(:mod:`.tense`); anaphoric ones ("that year", "the following month", "the
previous Friday") count from the last one the article mentioned. Relative
expressions inside a quotation whose attribution carries a date ("...," she
said on April 4) are resolved against that date, and named days the article
dates itself ("declared 4 April as International Day for ...") resolve to that
day (:mod:`.context`). The stages pass the typed records of :mod:`.records`.
"""

from claimx.components.dates.component import DateTagger, make_dates

__all__ = ["DateTagger", "make_dates"]
