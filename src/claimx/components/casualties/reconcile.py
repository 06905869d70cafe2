"""Reconciliation: nest parts in totals, merge repeated victims and tolls, keep revised tolls."""

from __future__ import annotations

from claimx.components.casualties.outcomes import graver
from claimx.components.casualties.records import Record

_GENERIC_GROUPS = {"victims", "victim"}  # "two people were shot ... the two victims"
_BARE_GROUPS = {"", "others", "other"}
_PEOPLE = "people"


def reconcile(records: list[Record], genders: dict[str, str], lookback: int) -> list[Record]:
    """One record per stated count of the article: nest, merge repeats, keep revised tolls
    (a nested count or an anaphor refers to one of the ``lookback`` records before it)."""
    records = sorted(records, key=lambda r: (r.start, r.end))
    # nesting: "including 14 civilians", "two of them"
    for index, record in enumerate(records):
        if not record.nested:
            continue
        for parent in reversed(records[max(0, index - lookback) : index]):
            if not parent.outcome or parent.count <= record.count or parent.anaphor:
                continue
            if parent.part_of is not None and parent.sent != record.sent:
                continue  # "Among the dead was ..." after "11, including three children"
            if record.outcome in ("", parent.outcome) or (
                record.weak and parent.outcome == "killed"
            ):
                record.outcome = parent.outcome
                record.part_of = parent
                break
    records = _one_per_victim([r for r in records if r.outcome], genders, lookback)
    kept: list[Record] = []
    alias: dict[Record, Record] = {}  # a repeated or revised count -> the record that stays
    tolls = _Tolls()
    for record in records:
        target = tolls.merged_into(record, kept)
        if target is None:
            tolls.add(record, len(kept))
            kept.append(record)
        elif target is record:
            if record.replaces is not None:
                alias[record.replaces] = record
        else:
            alias[record] = target
    for record in kept:
        if record.part_of is not None:
            record.part_of = alias.get(record.part_of, record.part_of)
    _inherit_groups(kept)
    return keep(kept)


def nest_in_tolls(records: list[Record]) -> list[Record]:
    """Nest what a toll already counts, at its place and in its period: single victims
    (a victim only named, "John Smith, 25", repeats the toll and is no record of its own)
    and, under the lede's toll, smaller totals ("12 killed ... four of the dead"). A count
    of another place or time ("in January, seven were killed in Pathankot") stays apart."""
    dropped: set[Record] = set()
    for outcome in {r.outcome for r in records}:
        top = [r for r in records if r.outcome == outcome and r.part_of is None]
        totals = [r for r in top if not r.single]
        if not totals:
            continue
        total = max(totals, key=lambda r: r.count)
        same = [r for r in top if r.single and _same_period(r, total) and not r.separate]
        for single in same[: int(total.count)]:
            single.part_of = total
            if single.proper:
                dropped.add(single)
    for outcome in {r.outcome for r in records}:
        totals = [r for r in records if r.outcome == outcome and r.part_of is None and not r.single]
        if not totals:
            continue
        total = max(totals, key=lambda r: r.count)
        if not total.lede:
            continue
        for other in totals:
            if other is total or other.count >= total.count:
                continue
            # "15 bodies, more than the official toll of 12": a rival toll, not a part
            if other.sent == total.sent and not other.nested:
                continue
            if other.since or other.until or not _same_place(other, total):
                continue
            other.part_of = total
    return keep([r for r in records if r not in dropped])


def _same_period(part: Record, total: Record) -> bool:
    """True when both counts cover the same period (or neither states one)."""
    return (part.since, part.until) == (total.since, total.until)


def _same_place(part: Record, total: Record) -> bool:
    """True when one count's place is the other's or inside it ("Colorado Springs", "Colorado")."""
    words = set(part.place.lower().split()), set(total.place.lower().split())
    return words[0] <= words[1] or words[1] <= words[0]


def default_groups(records: list[Record]) -> None:
    """A bare count ("71 were injured", "260 others") counts the group of the toll it is
    part of, else of the count before it in its sentence ("17 soldiers were killed and 19
    injured"), else people."""
    previous: Record | None = None
    for record in records:
        if record.group in _BARE_GROUPS and not record.single:
            parent = record.part_of
            if parent is not None and parent.group:
                record.group = parent.group
            elif previous is not None and previous.sent == record.sent:
                record.group = previous.group or _PEOPLE
            else:
                record.group = _PEOPLE
        previous = record


def _inherit_groups(records: list[Record]) -> None:
    """A bare group repeats a fuller one said before ("citizens" -> "citizens of Azerbaijan")."""
    fuller: dict[str, str] = {}
    for record in records:
        group = record.group
        if not group:
            continue
        head = group.split(" of ")[0].split()[-1]
        if group == head and head in fuller:
            record.group = fuller[head]
        else:
            fuller.setdefault(head, group)


def _one_per_victim(records: list[Record], genders: dict[str, str], lookback: int) -> list[Record]:
    """Merge the mentions of one victim ("a man ... Smith ... he died"), graver outcome kept."""
    victims: list[Record] = []
    named: dict[str, Record] = {}  # a word of a victim's name -> that victim
    out = []
    for record in records:
        if not record.single or record.part_of is not None:
            out.append(record)
            continue
        if record.anaphor:
            for victim in victims[-int(record.count) :]:
                _upgrade(victim, record)
            totals = [r for r in out if r.outcome == record.outcome]
            if victims or totals or record.count > 1:
                continue
        same = _same_victim(record, victims[-lookback:], named, genders)
        if same is None:
            victims.append(record)
            out.append(record)
        else:
            same.key = same.key or record.key
            _upgrade(same, record)
            same = same if record.key else None
        for word in record.key.split():
            named.setdefault(word, same or record)
    return out


def _same_victim(
    record: Record,
    recent: list[Record],
    named: dict[str, Record],
    genders: dict[str, str],
) -> Record | None:
    """The victim counted before that ``record`` names again, if any: one sharing a word of
    its name, else one of the ``recent`` victims mentioned that it can refer to."""
    key = record.key.split()
    for word in key:
        if word in named:
            return named[word]
    if record.new or any(v.head in record.conjuncts for v in recent):
        return None
    for victim in reversed(recent):
        if key and victim.key:
            continue
        if not _compatible(victim.outcome, record.outcome):
            continue
        if record.another and victim.outcome != record.outcome:
            continue  # "another teen was wounded" after one was killed
        gender = {genders.get(victim.lemma, ""), genders.get(record.lemma, "")}
        if gender != {"male", "female"}:
            return victim
    return None


def _compatible(a: str, b: str) -> bool:
    return a == b or {a, b} == {"injured", "killed"}


def _upgrade(victim: Record, mention: Record) -> None:
    """Give a victim the graver outcome a later mention states ("he died in hospital")."""
    if not _compatible(victim.outcome, mention.outcome):
        return
    if graver(mention.outcome, victim.outcome) or (victim.weak and not mention.weak):
        victim.outcome, victim.weak = mention.outcome, mention.weak


class _Tolls:
    """The top-level totals kept so far, indexed by outcome, count and group head, so that
    finding the toll a count repeats or revises takes constant time."""

    def __init__(self) -> None:
        self.latest: dict[str, int] = {}  # outcome -> position in kept of its last total
        self.by_count: dict[tuple[str, float], dict[str, int]] = {}  # -> group head -> position

    def add(self, record: Record, position: int) -> None:
        """Index ``record``, kept at ``position``."""
        if record.part_of is not None or record.single:
            return
        self.latest[record.outcome] = position
        heads = self.by_count.setdefault((record.outcome, record.count), {})
        heads[_group_head_word(record)] = position
        heads["*"] = position

    def merged_into(self, record: Record, kept: list[Record]) -> Record | None:
        """The earlier total that ``record`` repeats or revises (kept is updated), else None."""
        if record.part_of is not None or record.single:
            return None
        outcome = record.outcome
        if record.revision and outcome in self.latest:
            position = self.latest[outcome]
            earlier = kept[position]
            record.revised_from = earlier.count
            record.replaces = earlier
            kept[position] = record
            heads = self.by_count.get((outcome, earlier.count), {})
            for key in [k for k, v in heads.items() if v == position]:
                del heads[key]
            self.add(record, position)
            return record
        heads = self.by_count.get((outcome, record.count), {})
        head = _group_head_word(record)
        keys = ["*"] if head in ("", *_GENERIC_GROUPS) else [head, "", *_GENERIC_GROUPS]
        found = [heads[key] for key in keys if key in heads]
        return kept[max(found)] if found else None


def _group_head_word(record: Record) -> str:
    return record.group.split()[-1] if record.group else ""


def keep(kept: list[Record]) -> list[Record]:
    """``kept`` with each ``part_of`` that points outside it cleared (its parent was dropped
    or merged away)."""
    members = set(kept)
    for record in kept:
        if record.part_of is not None and record.part_of not in members:
            record.part_of = None
    return kept
