"""Manual story edits: applied to the stored stories at once and logged in the store.

Every edit is logged with ``store.add_edit`` together with enough anchors (the
member ids it concerned) to be replayed after a later batch re-clustering,
when story ids may have changed. Articles placed by hand are ``pinned``:
incremental updates never move them. A renamed story keeps its editor's headline
(``Story.hand_label``) whenever it is rebuilt, here or by a later run.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from articles.model import Article
from clustering.model import Mention, Story, story_id_for

UNSCORED = 0.0  # the score of an article moved by hand into a story the model did not put it in


class EditError(ValueError):
    """An edit that cannot be applied (unknown story or article)."""


class _Stories:
    """Stories by id, and which story holds each article, kept in step: an edit reads and
    changes the stories it concerns only (replaying a long log over many stories had rebuilt
    the whole article index for every edit)."""

    def __init__(self, stories: dict[str, Story], held_elsewhere: Callable[[str], bool] | None = None):
        self.by_id = stories
        self.owner = {m.article_id: s.id for s in stories.values() for m in s.members}
        # Ids of stories outside these ones (an edit on the store reads only the stories it
        # changes): a new story must not take one of them.
        self.held_elsewhere = held_elsewhere or (lambda _sid: False)

    def __contains__(self, story_id: str) -> bool:
        return story_id in self.by_id

    def __getitem__(self, story_id: str) -> Story:
        return self.by_id[story_id]

    def put(self, story_id: str, story: Story | None) -> None:
        """Set (or, with None, remove) one story and its members' entries in the index."""
        old = self.by_id.pop(story_id, None)
        if old is not None:
            for m in old.members:
                if self.owner.get(m.article_id) == story_id:
                    del self.owner[m.article_id]
        if story is not None:
            self.by_id[story_id] = story
            for m in story.members:
                self.owner[m.article_id] = story_id

    def holding(self, article_ids: Iterable[str]) -> str | None:
        """The story holding most of ``article_ids`` (anchors of an edit), if any."""
        votes = Counter(self.owner[i] for i in article_ids if i in self.owner)
        return votes.most_common(1)[0][0] if votes else None


def _rebuild(
    story_id: str,
    members: dict[str, tuple[float, bool]],
    articles: dict[str, Article],
    mentions: Iterable[Mention] = (),
    hand_label: str | None = None,
) -> Story | None:
    # Here, not at the top: the clusterer brings scikit-learn, which the dashboard's story view
    # (its rename control reads this module's label checks) need not load before an edit.
    from clustering.clusterer import build_story

    present = [articles[i] for i in members if i in articles]
    if not present:
        return None
    return build_story(
        story_id,
        present,
        {i: score for i, (score, _) in members.items()},
        {i for i, (_, pinned) in members.items() if pinned},
        list(mentions),
        hand_label,
    )


def _members(story: Story) -> dict[str, tuple[float, bool]]:
    return {m.article_id: (m.score, m.pinned) for m in story.members}


def apply_edit(
    stories: dict[str, Story], op: str, payload: dict, articles: dict[str, Article],
    held_elsewhere: Callable[[str], bool] | None = None,
) -> tuple[dict[str, Story], str | None]:
    """Apply one logged edit to ``stories`` (by id); returns them (a new dict: ``stories`` is
    left as it was) and the resulting story id.

    ``held_elsewhere(id)``: whether a story not among ``stories`` holds that id (the store's
    other stories); a merge's or split's new story never takes such an id.
    Edits whose articles are no longer around are skipped (result id None).
    """
    state = _Stories(dict(stories), held_elsewhere)
    result = _apply(state, op, payload, articles)
    return state.by_id, result


def _apply(state: _Stories, op: str, payload: dict, articles: dict[str, Article]) -> str | None:
    apply = {"move": _apply_move, "merge": _apply_merge, "split": _apply_split,
             "rename": _apply_rename}.get(op)
    if apply is None:
        raise EditError(f"unknown edit operation {op!r}")
    return apply(state, payload, articles)


def _take_out_many(state: _Stories, article_ids: Iterable[str],
                   articles: dict[str, Article]) -> dict[str, tuple[float, bool]]:
    """Remove articles from the stories holding them (a story left empty goes); their (score,
    pinned). Each story they leave is rebuilt once (one rebuild per article made splitting
    half of a 4,000-article story take 20 s)."""
    leaving: dict[str, list[str]] = {}
    for article_id in dict.fromkeys(article_ids):
        sid = state.owner.get(article_id)
        if sid is not None and sid in state:
            leaving.setdefault(sid, []).append(article_id)
    removed: dict[str, tuple[float, bool]] = {}
    for sid, ids in leaving.items():
        members = _members(state[sid])
        for article_id in ids:
            removed[article_id] = members.pop(article_id)
        state.put(sid, _rebuild(sid, members, articles, state[sid].mentions, state[sid].hand_label))
    return removed


def _apply_move(state: _Stories, payload: dict, articles: dict[str, Article]) -> str | None:
    article_id = payload["article_id"]
    if article_id not in articles:
        return None
    # The move means "with these articles": the story now holding most of the target's
    # members at the time (the anchors). A regrouping may have split that story and left
    # its old id on the smaller part; the id is only the fallback when no anchor is left.
    anchors = [i for i in payload.get("anchor_ids", []) if i != article_id]
    target = state.holding(anchors)
    if target is None and payload["to_story_id"] in state:
        target = payload["to_story_id"]
    if target is None:
        return None
    if state.owner.get(article_id) == target:
        members = _members(state[target])
        members[article_id] = (members[article_id][0], True)
        state.put(target, _rebuild(target, members, articles, state[target].mentions, state[target].hand_label))
        return target
    _take_out_many(state, [article_id], articles)
    members = _members(state[target])
    # A member's score is its similarity to the story it is in. The moved article's old
    # score measured its old story (1.0 when it was alone there), so carried over it outranked
    # every member here and renamed the story after the moved article. Nothing has measured
    # it against this story: it ranks last (the story keeps its own label), shown pinned.
    members[article_id] = (UNSCORED, True)
    state.put(target, _rebuild(target, members, articles, state[target].mentions, state[target].hand_label))
    return target


def _apply_merge(state: _Stories, payload: dict, articles: dict[str, Article]) -> str | None:
    found = []
    for group in payload["groups"]:
        sid = state.holding(group)
        if sid is not None and sid not in found:
            found.append(sid)
    if not found:
        return None
    members: dict[str, tuple[float, bool]] = {}
    mentions: dict[str, Mention] = {}
    anchored = {i for group in payload["groups"] for i in group}
    # The merged story keeps the id of the story that held most of it (the first listed on a
    # tie), as a regrouped story keeps the id of its bulk: links to it stay on it.
    bulk = max(found, key=lambda sid: (len(state[sid].members), -found.index(sid)))
    # An editor's headline goes with the merged story: the bulk's, else the first one given.
    hand_label = next((state[sid].hand_label for sid in sorted(found, key=lambda sid: sid != bulk)
                       if state[sid].hand_label), None)
    for sid in found:
        story = state[sid]
        state.put(sid, None)
        mentions.update({m.article_id: m for m in story.mentions if m.article_id not in mentions})
        for article_id, (score, pinned) in _members(story).items():
            members[article_id] = (score, pinned or article_id in anchored)
    # Merged articles that a regrouping put elsewhere come back: a merge pins them together.
    for article_id, taken in _take_out_many(state, sorted(anchored - set(members)), articles).items():
        members[article_id] = (taken[0], True)
    present = [articles[i] for i in members if i in articles]
    if not present:
        return None  # none of the merged articles is around any more: nothing to rebuild
    earliest = min(present, key=lambda a: (a.published, a.id))
    merged_id = _free_id(state, payload.get("result_id") or bulk, "merge", earliest.id)
    state.put(merged_id, _rebuild(merged_id, members, articles, mentions.values(), hand_label))
    return merged_id


def _apply_split(state: _Stories, payload: dict, articles: dict[str, Article]) -> str | None:
    wanted = [i for i in dict.fromkeys(payload["article_ids"]) if i in articles]
    held = _split_holds(state, wanted, payload.get("stayed"))
    if held is not None:
        return held
    previous = _take_out_many(state, wanted, articles)
    moved = {i: (previous[i][0] if i in previous else 0.0, True) for i in wanted}
    if not moved:
        return None
    earliest = min((articles[i] for i in moved), key=lambda a: (a.published, a.id))
    # The split part's earliest article may have anchored the old story's id: another id then.
    new_id = _free_id(state, payload.get("result_id") or story_id_for(earliest.id), "split", earliest.id)
    state.put(new_id, _rebuild(new_id, moved, articles))
    return new_id


def _split_holds(state: _Stories, wanted: list[str], stayed: Sequence[str] | None) -> str | None:
    """The story holding a split's part, when the split holds already: the part's articles sit
    together in one story holding none of those that stayed behind (an upload may have grown
    it since). Replaying the split again would break that grown story up. Splits logged before
    ``stayed`` was recorded (None) are replayed as they always were."""
    if not stayed or not wanted:
        return None
    owners = {state.owner.get(i) for i in wanted}
    if len(owners) != 1 or None in owners:
        return None
    (story_id,) = owners
    left = set(stayed)
    return None if any(m.article_id in left for m in state[story_id].members) else story_id


def _apply_rename(state: _Stories, payload: dict, articles: dict[str, Article]) -> str | None:
    # As a move's target: the story now holding most of the renamed story's members at the time
    # (a regrouping may have moved the old id onto a smaller part); the id only when none is left.
    target = state.holding(payload.get("anchor_ids", []))
    if target is None and payload["story_id"] in state:
        target = payload["story_id"]
    if target is None:
        return None
    story, label = state[target], clean_label(payload.get("label"))
    if label:
        state.put(target, dataclasses.replace(story, label=label, hand_label=label))
    else:  # a blank label gives the story back to the headline rule
        state.put(target, _rebuild(target, _members(story), articles, story.mentions))
    return target


def clean_label(label: str | None) -> str | None:
    """An editor's headline as stored: one line, spaces collapsed; None when blank."""
    return " ".join((label or "").split()) or None


# An editor's headline, in characters once trimmed (:func:`clean_label`): a headline, not a
# text; the list, the picker and every edit's menu show it whole, and it is in the edit log for good.
MAX_LABEL_CHARS = 200
# Characters that reorder the text after them as shown (bidirectional embeddings, overrides,
# isolates): a name could show as another's. Other control characters (Unicode category Cc)
# are refused too; tabs and line breaks are spaces (a headline pasted over two lines).
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_WHITESPACE_CONTROLS = frozenset("\t\n\r")


def label_problem(label: str | None) -> str | None:
    """Why an editor's headline is refused, in one line (None: it may be stored)."""
    bad = next((c for c in label or "" if c in _BIDI_CONTROLS
                or (unicodedata.category(c) == "Cc" and c not in _WHITESPACE_CONTROLS)), None)
    if bad is not None:
        return f"A story's name cannot hold control characters (U+{ord(bad):04X} found): type it again."
    n = len(clean_label(label) or "")
    if n > MAX_LABEL_CHARS:
        return f"A story's name takes at most {MAX_LABEL_CHARS} characters (this one has {n:,})."
    return None


def _free_id(state: _Stories, wanted: str, prefix: str, earliest_id: str) -> str:
    """``wanted``, or, when another story holds that id (a story a re-clustering named after
    the same article, an earlier split's part), an id derived from the edit's earliest article
    that no story holds: a result never overwrites another story."""
    candidate, n = wanted, 1
    while candidate in state or state.held_elsewhere(candidate):
        candidate = story_id_for(f"{prefix}{n if n > 1 else ''}:{earliest_id}")
        n += 1
    return candidate


def replay_edits(
    stories: Sequence[Story], edits: Iterable[tuple[str, dict]], articles: dict[str, Article]
) -> list[Story]:
    """Re-apply the logged edits (oldest first) to freshly clustered stories."""
    state = _Stories({s.id: s for s in stories})
    for op, payload in edits:
        _apply(state, op, payload, articles)
    return sorted(state.by_id.values(), key=lambda s: (s.first_published, s.id))


def _stored(store, story_ids: Sequence[str]) -> dict[str, Story]:
    stories = {}
    for sid in story_ids:
        data = store.story(sid)
        if data is None:
            raise EditError(f"no story with id {sid!r}")
        stories[sid] = Story.from_dict(data)
    return stories


def _commit(store, before: dict[str, Story], after: dict[str, Story], op: str, payload: dict) -> None:
    from clustering.changes import story_changes

    with store.transaction():
        gone = [sid for sid in before if sid not in after]
        if gone:
            store.delete_stories(gone)
            # A link to a merged story's old id opens the story holding its articles now.
            store.record_story_moves(story_changes(list(before.values()), list(after.values()))[1])
        changed = [s.to_dict() for sid, s in after.items() if sid not in before or before[sid] != s]
        if changed:
            store.put_stories(changed)
        store.add_edit(op, payload)


def _held_outside(store, involved: dict[str, Story]) -> Callable[[str], bool]:
    """Whether a stored story other than the edited ones holds an id: a merge's or split's
    result named after its earliest article must not replace it (that story's articles would
    be left in no story)."""
    return lambda sid: sid not in involved and bool(store.story_versions([sid]))


def _articles_of(store, stories: Iterable[Story], extra: Iterable[str] = ()) -> dict[str, Article]:
    ids = [m.article_id for s in stories for m in s.members] + list(extra)
    return {a.id: a for a in store.articles(ids)}


def move_article(store, article_id: str, to_story_id: str) -> str:
    """Move one article into another story (pinned there); returns the target story id."""
    current = store.story_of_article(article_id)
    if store.article(article_id) is None:
        raise EditError(f"no article with id {article_id!r}")
    involved = _stored(store, [to_story_id] + ([current] if current and current != to_story_id else []))
    payload = {
        "article_id": article_id,
        "to_story_id": to_story_id,
        "anchor_ids": [m.article_id for m in involved[to_story_id].members if m.article_id != article_id],
    }
    after, result = apply_edit(involved, "move", payload, _articles_of(store, involved.values(), [article_id]))
    _commit(store, involved, after, "move", payload)
    return result


def merge_stories(store, story_ids: Sequence[str]) -> str:
    """Merge stories into one (members pinned together); returns the merged story's id."""
    story_ids = list(dict.fromkeys(story_ids))
    if len(story_ids) < 2:
        raise EditError("merging needs at least two stories")
    involved = _stored(store, story_ids)
    payload = {
        "story_ids": story_ids,
        "groups": [[m.article_id for m in involved[sid].members] for sid in story_ids],
    }
    articles = _articles_of(store, involved.values())
    held = _held_outside(store, involved)
    _, result = apply_edit(involved, "merge", payload, articles, held)
    payload["result_id"] = result
    after, _ = apply_edit(involved, "merge", payload, articles, held)
    _commit(store, involved, after, "merge", payload)
    return result


def split_story(store, story_id: str, article_ids: Sequence[str]) -> str:
    """Move ``article_ids`` out of ``story_id`` into a new story; returns the new story's id."""
    involved = _stored(store, [story_id])
    members = {m.article_id for m in involved[story_id].members}
    article_ids = list(dict.fromkeys(article_ids))
    missing = [i for i in article_ids if i not in members]
    if missing:
        raise EditError(f"story {story_id!r} has no article {missing[0]!r}")
    if not article_ids or len(article_ids) == len(members):
        raise EditError("a split needs some, but not all, of the story's articles")
    # What stayed behind is logged too: a replay finds the split holding already (its part
    # grown since by an upload) and leaves it (_split_holds).
    stayed = [m.article_id for m in involved[story_id].members if m.article_id not in set(article_ids)]
    payload = {"story_id": story_id, "article_ids": article_ids, "stayed": stayed}
    articles = _articles_of(store, involved.values())
    held = _held_outside(store, involved)
    _, result = apply_edit(involved, "split", payload, articles, held)
    payload["result_id"] = result
    after, _ = apply_edit(involved, "split", payload, articles, held)
    _commit(store, involved, after, "split", payload)
    return result


def rename_story(store, story_id: str, label: str | None) -> str:
    """Give a story an editor's headline (kept through later runs that grow or regroup it);
    a blank ``label`` gives it back its automatic one. Returns the story's id. A label
    :func:`label_problem` refuses raises :class:`EditError` (nothing is written)."""
    problem = label_problem(label)
    if problem:
        raise EditError(problem)
    involved = _stored(store, [story_id])
    payload = {
        "story_id": story_id,
        "anchor_ids": [m.article_id for m in involved[story_id].members],
        "label": clean_label(label) or "",
    }
    after, result = apply_edit(involved, "rename", payload, _articles_of(store, involved.values()))
    _commit(store, involved, after, "rename", payload)
    return result
