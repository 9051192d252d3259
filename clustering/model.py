"""Stories: what the clustering stage produces."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import datetime


@dataclass
class Member:
    """One article's place in a story: how strongly it belongs."""

    article_id: str
    score: float  # similarity to the story (0..1), shown as "why grouped"
    pinned: bool = False  # placed by hand: kept there when the clustering re-runs


@dataclass
class Mention:
    """A roundup (one article reporting several happenings) that is a member of another
    story and reports this one in one of its sections: shown and compared here through
    that section (:func:`clustering.features.section_view`)."""

    article_id: str
    score: float  # P(same happening) of the roundup's best scored pair with a member here
    section: int  # which of the roundup's sections (the order of clustering.features.paragraph_groups)


@dataclass
class Story:
    """One specific real-world event or development, across outlets."""

    id: str
    label: str  # a readable headline
    first_published: datetime
    last_published: datetime
    outlets: list[str]
    members: list[Member] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    # A headline an editor gave the story (clustering.edits.rename_story): shown as ``label``
    # and kept when the story is rebuilt (build_story's ``hand_label``); None: the headline rule.
    hand_label: str | None = None

    @property
    def article_ids(self) -> list[str]:
        return [m.article_id for m in self.members]

    def to_dict(self) -> dict:
        d = asdict(self)
        d["first_published"] = self.first_published.isoformat()
        d["last_published"] = self.last_published.isoformat()
        if self.hand_label is None:
            # Only renamed stories carry the key: stored stories and outputs of the others stay as they were.
            del d["hand_label"]
        return d

    @classmethod
    def from_dict(cls, d: dict) -> Story:
        return cls(
            id=d["id"],
            label=d["label"],
            first_published=datetime.fromisoformat(d["first_published"]),
            last_published=datetime.fromisoformat(d["last_published"]),
            outlets=list(d["outlets"]),
            members=[Member(**m) for m in d["members"]],
            mentions=[Mention(**m) for m in d.get("mentions", [])],
            hand_label=d.get("hand_label"),
        )


def story_id_for(earliest_article_id: str) -> str:
    """Stable story id: a hash of its earliest member's id."""
    return "st-" + hashlib.sha1(earliest_article_id.encode("utf-8")).hexdigest()[:12]
