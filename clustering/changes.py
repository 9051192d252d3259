"""What a grouping run changed: each story's change since the stored state before it, and where
the ids of the stories it replaced went. The one place this is worked out: the batch run, the
Ray engine's import and the dashboard's regroup and uploads store it through
:func:`clustering.pipeline.store_run_stories` and ``update_stories`` (the store keeps the
recent runs' records, ``store.story_change_runs``, and the replaced ids), and the CLI's outputs
and the dashboard's list show it (several runs' records combined by
:func:`dashboard.storylist.combine_changes`, which the list uses without loading this stage).

A change is a dict: ``kind`` (one of :data:`KINDS`), ``added`` and ``removed`` (articles that
came in / went out since the stored story of that id; for a new id, ``added`` is all of its
articles), ``merged_from`` (stored stories whose articles are now mostly in this one, their ids
gone) and ``split_from`` (stored stories that live on elsewhere and gave articles to this new
story), ids sorted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from clustering.model import Story
from counted import counted

# In the order the summary counts them; "unchanged" is not counted.
KINDS = ("new", "grew", "changed", "merged", "split", "unchanged")


def story_changes(before: Sequence[Story], after: Sequence[Story]) -> tuple[dict[str, dict], dict[str, str]]:
    """({story id of ``after``: its change}, {id of a ``before`` story no story holds now: the
    story of ``after`` holding most of its articles}).

    A story keeping its id and members is ``unchanged`` (a new label or new scores change no
    membership); one that only gained articles no stored story held ``grew``; one whose members
    also moved in from or out to other stories ``changed``. A story holding most of the articles
    of stored stories whose ids are gone ``merged`` (with its own stored self, or two or more of
    them under a new id). A new id with articles of stored stories that live on elsewhere was
    ``split`` from them; a new id with no stored article is ``new``.
    """
    old = {s.id: set(s.article_ids) for s in before}
    new = {s.id: set(s.article_ids) for s in after}
    old_owner = {a: sid for sid, ids in old.items() for a in ids}
    new_owner = {a: sid for sid, ids in new.items() for a in ids}
    successor: dict[str, str] = {}
    moved: dict[str, str] = {}
    for sid, ids in old.items():
        if sid in new and ids & new[sid]:
            successor[sid] = sid
            continue
        votes = Counter(new_owner[a] for a in ids if a in new_owner)
        if not votes:
            continue  # its articles are in no story now
        best = min(votes, key=lambda k: (-votes[k], k))
        successor[sid] = best
        if sid not in new:
            moved[sid] = best
    absorbed: dict[str, list[str]] = {}
    for sid, target in successor.items():
        if target != sid and sid not in new:
            absorbed.setdefault(target, []).append(sid)
    changes: dict[str, dict] = {}
    for sid, ids in new.items():
        prev = old.get(sid)
        sources = {old_owner[a] for a in ids if a in old_owner}
        merged_from = sorted(absorbed.get(sid, []))
        split_from = sorted(t for t in sources if t != sid and successor.get(t) != sid)
        added = ids - prev if prev is not None else ids
        removed = prev - ids if prev is not None else set()
        if prev is None:
            if not sources:
                kind = "new"
            elif len(merged_from) >= 2:
                kind = "merged"
            elif split_from:
                kind = "split"
            else:  # the articles of one stored story under a new id
                kind = "changed"
        elif merged_from:
            kind = "merged"
        elif not added and not removed:
            kind = "unchanged"
        elif not removed and not any(a in old_owner for a in added):
            kind = "grew"
        else:
            kind = "changed"
        changes[sid] = {"kind": kind, "added": len(added), "removed": len(removed),
                        "merged_from": merged_from, "split_from": split_from}
    return changes, moved


def change_text(change: dict | None) -> str:
    """One change in a few words: "new", "grew (+2 articles)", "merged (from st-a, st-b)"."""
    if not change:
        return "unchanged"
    kind = change.get("kind", "unchanged")
    if kind == "grew":
        return f"grew (+{counted(change.get('added', 0), 'article')})"
    if kind == "changed":
        moved = [f"{sign}{n}" for sign, n in (("+", change.get("added", 0)), ("-", change.get("removed", 0))) if n]
        noun = "article" if moved == ["+1"] or moved == ["-1"] else "articles"
        text = f"changed ({' '.join(moved)} {noun})" if moved else "changed"
        if change.get("merged_from"):
            text += f", was {', '.join(change['merged_from'])}"
        return text
    if kind == "merged":
        return f"merged (from {', '.join(change.get('merged_from', []))})"
    if kind == "split":
        return f"split from {', '.join(change.get('split_from', []))}"
    return kind


def change_counts(changes: Iterable[dict]) -> str:
    """The one-line count of a run's changes ("3 new stories, 2 grew, 1 merged"); "no story
    changed" when every story is unchanged."""
    counts = Counter(c.get("kind", "unchanged") for c in changes)
    parts = []
    for kind in KINDS[:-1]:
        if counts[kind]:
            parts.append(counted(counts[kind], "new story", "new stories") if kind == "new"
                         else f"{counts[kind]:,} {kind}")
    return ", ".join(parts) if parts else "no story changed"


def changed_only(changes: dict[str, dict]) -> dict[str, dict]:
    """The changes that are not ``unchanged``, each with its ``text`` (:func:`change_text`):
    what the store keeps of a run, so the dashboard shows it without loading this stage."""
    return {sid: {**c, "text": change_text(c)} for sid, c in changes.items() if c.get("kind") != "unchanged"}
