"""Casualties: counts of victims.

Writes ``doc._.claimx_casualties``: a list of dicts ``{"start", "end",
"outcome", "count", "low", "high", "qualifier", "group", "part_of": int | None,
"cause", "since", "until", "location"}``; ``part_of`` is the index, in this
same list, of the larger count this one is nested in. A count that replaced an
earlier toll ("the death toll rose to 40") also carries ``"revised_from"``.

A count is a number, a vague magnitude ("dozens"), an indefinite victim ("a
25-year-old man") or a named person (:mod:`.counts`), tied to an outcome by the
words around it ("20 citizens ... have been killed", "killing 12", "left 3 dead",
"the death toll rose to 40") or, failing that, by the parse (:mod:`.outcomes`).
Attackers, gunmen and suspects are never counted. Each count gets the cause, place
and period of its sentence or of the article's main event (:mod:`.context`), and
the counts become one record per stated count (:mod:`.reconcile`). The outcome,
victim and cause words are data files under ``models/casualties/`` (:mod:`.lexicon`).
"""

from claimx.components.casualties.component import DATA_FILES, CasualtyTagger, make_casualties
from claimx.components.casualties.records import Settings

__all__ = ["DATA_FILES", "CasualtyTagger", "Settings", "make_casualties"]
