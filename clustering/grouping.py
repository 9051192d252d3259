"""Grouping: articles -> stories from the pair scorer's probabilities.

Average linkage over the sparse graph of scored candidate pairs. Two groups A and B merge,
best pair first, while their linkage

    sum of P(same) over the scored pairs between A and B
    -----------------------------------------------------------------
    scored pairs + missing_weight x (|A| x |B| - scored pairs)

is at least ``threshold`` (0.5: "as likely as not"). Pairs the candidate search never looked
at count with weight ``missing_weight`` as P = 0: at 0 a developing story grows by linking
day to day (a report of day 1 and one of day 4 need not be scored together), at 1 every
member must be shown to match every other. A merge needs a linkage >= ``threshold``, hence at
least one pair with P >= ``threshold`` between the two groups: the connected components of
those pairs are therefore grouped independently (in any order, in parallel) with the same
result as one linkage over everything. Inside a component every scored pair counts.
Ties are broken by the smaller group ids, so the partition is deterministic.

Additive linkage (``linkage="additive"``) reads the same probabilities as evidence to add up
rather than to average: each scored pair weighs its log-odds less those of ``threshold``
(positive when the pair is likelier than the threshold to be one happening), each unscored
pair weighs ``missing_log_odds``, and two groups merge, largest gain first, while the sum of
the weights between them is above 0. That is the greedy way to the most likely partition
when the pairs are independent evidence (correlation clustering by greedy additive edge
contraction). A large developing story, whose reports of a reaction and of the event itself
are only moderately alike pair by pair, holds together by many such pairs where their
average would fall under the threshold. The same component argument holds: a positive sum
needs one pair with P above the threshold.
"""

from __future__ import annotations

import heapq

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components


def components(n: int, pairs: np.ndarray, proba: np.ndarray, floor: float) -> tuple[int, np.ndarray]:
    """Connected components of the pairs with P >= ``floor``: (count, label per article)."""
    keep = proba >= floor
    i, j = pairs[keep, 0], pairs[keep, 1]
    graph = sp.csr_matrix((np.ones(len(i)), (i, j)), shape=(n, n))
    return connected_components(graph, directed=False)


LINKAGES = ("average", "additive")


def group_component(
    rows: np.ndarray,
    pairs: np.ndarray,
    proba: np.ndarray,
    threshold: float,
    missing_weight: float,
    linkage: str = "average",
    missing_log_odds: float = -0.5,
    copies: np.ndarray | None = None,
) -> np.ndarray:
    """One component's groups: a group number per row of ``rows``, by ``linkage``
    ("average" or "additive", see the module docstring).

    ``pairs`` (global article indices) and ``proba``: the kept pairs whose both ends are in
    ``rows``. ``copies``: a copy-group label per row of ``rows`` (:mod:`clustering.copies`);
    copies linked by a pair at P >= ``threshold`` start as one group, whose unscored pairs take
    the mean of its scored ones (:func:`_start`). Groups are numbered by their smallest row
    position (deterministic).
    """
    rows = np.asarray(rows, dtype=np.int64)
    m = len(rows)
    if m == 1 or not len(pairs):
        return np.arange(m)
    position = {int(r): k for k, r in enumerate(rows.tolist())}
    local = [(position[a], position[b]) for a, b in pairs.tolist()]
    proba = np.asarray(proba, dtype=float)
    units = copy_units(m, local, proba, copies, threshold)
    if linkage == "average":
        def merit(total: float, scored: float, pairs_between: int) -> float:
            return total / (scored + missing_weight * (pairs_between - scored))

        return _agglomerate(_start(m, local, proba, units), merit, threshold, inclusive=True)
    if linkage == "additive":
        def gain(total: float, scored: float, pairs_between: int) -> float:
            return total + missing_log_odds * (pairs_between - scored)

        return _agglomerate(_start(m, local, log_odds(proba) - log_odds(threshold), units), gain, 0.0,
                            inclusive=False)
    raise ValueError(f"linkage must be one of {LINKAGES}, not {linkage!r}")


def copy_units(m: int, local: list[tuple[int, int]], proba: np.ndarray, copies: np.ndarray | None,
               threshold: float) -> np.ndarray:
    """The group each of ``m`` rows starts in (its smallest row): the copies of one text that
    pairs at P >= ``threshold`` link (the scorer agrees they report one happening), else itself."""
    if copies is None or not len(local):
        return np.arange(m)
    copies = np.asarray(copies)
    x, y = np.array(local, dtype=np.int64).T
    keep = (copies[x] == copies[y]) & (proba >= threshold)
    if not keep.any():
        return np.arange(m)
    graph = sp.csr_matrix((np.ones(int(keep.sum())), (x[keep], y[keep])), shape=(m, m))
    _, component = connected_components(graph, directed=False)
    first = np.full(m, m, dtype=np.int64)
    np.minimum.at(first, component, np.arange(m))
    return first[component]


def _start(m: int, local: list[tuple[int, int]], values: np.ndarray, units: np.ndarray):
    """The groups the agglomeration starts from: (links[a][b] = [sum of values, scored pairs],
    members), one group per unit of ``units``.

    Between a group of copies and another group, the pairs the candidate search did not score
    take the mean value of those it did: the copies carry one text, so a pair with one copy says
    what a pair with any would (of a crowded group the first alone searches:
    :mod:`clustering.candidates`; counted as P = 0, the unscored pairs stopped a story of copies at
    about 70-90). The copies keep their weight (a group of 300 weighs 300 articles): counting each
    group of copies as one article was tried when groups of 2-4 were copies too, and split a story
    of 12-13 July 2021 (10 articles moved). Without copies every group is one row and its links
    are its scored pairs, as before."""
    members: dict[int, list[int]] = {}
    for row, unit in enumerate(units.tolist()):
        members.setdefault(unit, []).append(row)
    sums: dict[tuple[int, int], list[float]] = {}
    for (x, y), v in zip(local, values.tolist(), strict=True):
        a, b = int(units[x]), int(units[y])
        if a != b:
            entry = sums.setdefault((min(a, b), max(a, b)), [0.0, 0.0])
            entry[0] += v
            entry[1] += 1.0
    links: dict[int, dict[int, list[float]]] = {unit: {} for unit in members}
    for (a, b), (total, scored) in sums.items():
        between = len(members[a]) * len(members[b])
        if between > 1:
            total, scored = total / scored * between, float(between)
        links[a][b] = [total, scored]
        links[b][a] = links[a][b]
    return links, members


def log_odds(p):
    """log(p / (1 - p)), clipped away from 0 and 1 (a pair scored P = 1 still weighs finitely)."""
    p = np.clip(np.asarray(p, dtype=float), 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def _agglomerate(start, merit, floor: float, inclusive: bool) -> np.ndarray:
    """Merge groups best pair first while ``merit(sum of values, scored pairs, |A| x |B|)`` of
    the two is at least (``inclusive``) or above ``floor``; ``start``: the first groups and their
    links (:func:`_start`). A link's merit changes only when one of its groups changes, and every
    link of a merged group is recomputed then: so only links past the floor enter the heap, and a
    stale entry is skipped."""
    # links[a][b] = [sum of values, scored pairs] between groups a and b
    links, members = start
    m = sum(len(rows) for rows in members.values())
    size = {k: len(rows) for k, rows in members.items()}

    def value(a: int, b: int) -> float:
        total, scored = links[a][b]
        return merit(total, scored, size[a] * size[b])

    def passes(v: float) -> bool:
        return v >= floor if inclusive else v > floor

    heap = [(-v, a, b) for a in links for b in links[a] if a < b and passes(v := value(a, b))]
    heapq.heapify(heap)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in size or b not in size or b not in links[a]:
            continue
        v = value(a, b)
        if abs(v + negative) > 1e-12:  # stale entry: the groups changed since it was pushed
            continue
        if not passes(v):
            break
        # Merge b into a (a < b): the new group keeps the smaller id.
        for c, (total, scored) in links.pop(b).items():
            links[c].pop(b)
            if c == a:
                continue
            entry = links[a].setdefault(c, [0.0, 0.0])
            entry[0] += total
            entry[1] += scored
            links[c][a] = entry
        size[a] += size.pop(b)
        members[a].extend(members.pop(b))
        for c in links[a]:
            x, y = min(a, c), max(a, c)
            if passes(v := value(x, y)):
                heapq.heappush(heap, (-v, x, y))
    labels = np.empty(m, dtype=np.int64)
    for group_rows in members.values():
        labels[group_rows] = min(group_rows)
    return labels


def group(
    n: int,
    pairs: np.ndarray,
    proba: np.ndarray,
    threshold: float = 0.5,
    missing_weight: float = 0.0,
    linkage: str = "average",
    missing_log_odds: float = -0.5,
    copies: np.ndarray | None = None,
) -> np.ndarray:
    """A story label per article (0..k-1, numbered by each story's smallest article index).

    Components come from the pairs with P >= ``threshold``; inside a component every
    scored pair counts (low ones too: they pull the linkage down). ``copies``: a copy-group
    label per article (:func:`group_component`).
    """
    if linkage not in LINKAGES:
        raise ValueError(f"linkage must be one of {LINKAGES}, not {linkage!r}")
    if missing_log_odds > 0:
        # An unscored pair counting for a merge would join groups no scored pair links, and
        # the components below would no longer group as one linkage over everything does.
        raise ValueError(f"missing_log_odds must be <= 0, not {missing_log_odds}")
    labels = np.arange(n, dtype=np.int64)
    for rows, component_pairs, component_proba in split_components(n, pairs, proba, threshold):
        local = group_component(rows, component_pairs, component_proba, threshold, missing_weight,
                                linkage, missing_log_odds, None if copies is None else np.asarray(copies)[rows])
        labels[rows] = rows[local]
    return renumber(labels)


def split_components(n: int, pairs: np.ndarray, proba: np.ndarray, threshold: float):
    """Each connected component of the pairs with P >= ``threshold`` that has two or more
    articles: (its rows, every scored pair inside it, their P). What :func:`group` groups one
    by one, and what the Ray engine hands out to tasks."""
    count, component = components(n, pairs, proba, threshold)
    inside = component[pairs[:, 0]] == component[pairs[:, 1]] if len(pairs) else np.zeros(0, bool)
    pairs, proba = pairs[inside], proba[inside]
    order = np.argsort(component[pairs[:, 0]], kind="stable") if len(pairs) else np.zeros(0, np.int64)
    pair_component = component[pairs[order, 0]] if len(pairs) else np.zeros(0, np.int64)
    starts = np.searchsorted(pair_component, np.arange(count + 1))
    member_order = np.argsort(component, kind="stable")
    member_starts = np.searchsorted(component[member_order], np.arange(count + 1))
    for c in range(count):
        rows = member_order[member_starts[c] : member_starts[c + 1]]
        if len(rows) >= 2:
            chosen = order[starts[c] : starts[c + 1]]
            yield rows, pairs[chosen], proba[chosen]


def renumber(labels: np.ndarray) -> np.ndarray:
    """Labels 0..k-1 in order of each group's smallest index."""
    _, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(first))
    return rank[inverse]


def member_scores(n: int, labels: np.ndarray, pairs: np.ndarray, proba: np.ndarray) -> np.ndarray:
    """Each article's mean P(same story) over its scored pairs inside its story (1 alone)."""
    inside = labels[pairs[:, 0]] == labels[pairs[:, 1]]
    i, j, p = pairs[inside, 0], pairs[inside, 1], proba[inside]
    sums = np.bincount(i, p, n) + np.bincount(j, p, n)
    counts = np.bincount(i, minlength=n) + np.bincount(j, minlength=n)
    return np.where(counts > 0, sums / np.maximum(counts, 1), 1.0)


def roundup_links(
    labels: np.ndarray, pairs: np.ndarray, proba: np.ndarray, roundup: np.ndarray, threshold: float
) -> dict[tuple[int, int], tuple[float, int]]:
    """Stories a roundup reports beside its own: {(roundup row, other story's label):
    (best P, the other article of that pair)} over the pairs with P >= ``threshold`` (the
    grouping's own "same happening") whose other article is in another story.

    A roundup covers several happenings but is a member of one story (the grouping's
    choice); these links list it under the others too."""
    links: dict[tuple[int, int], tuple[float, int]] = {}
    if not len(pairs):
        return links
    strong = proba >= threshold
    for a, b in ((0, 1), (1, 0)):
        rows = np.flatnonzero(strong & roundup[pairs[:, a]] & (labels[pairs[:, a]] != labels[pairs[:, b]]))
        for k in rows.tolist():
            r, other, p = int(pairs[k, a]), int(pairs[k, b]), float(proba[k])
            key = (r, int(labels[other]))
            if key not in links or p > links[key][0]:
                links[key] = (p, other)
    return links


def place_roundups(
    labels: np.ndarray,
    pairs: np.ndarray,
    proba: np.ndarray,
    headline_similarity: np.ndarray,
    roundup: np.ndarray,
    threshold: float,
) -> np.ndarray:
    """Files each digest under the story its headline leads with.

    A digest reports several happenings, and the label definition puts it in the story of its
    main event: "its headline's lead event, or the one given most space". Average linkage
    follows the space (most of the text); this follows the headline. Of the stories the
    digest's pairs reach at P >= ``threshold`` (its own included), it joins the one holding
    the article whose headline is most like its own (``headline_similarity``, per pair).
    Only digests (``roundup``) move; the others' labels are returned as they were.
    """
    placed = labels.copy()
    if not len(pairs) or not roundup.any():
        return placed
    best: dict[int, tuple[float, int]] = {}
    for a, b in ((0, 1), (1, 0)):
        for k in np.flatnonzero(roundup[pairs[:, a]]).tolist():
            r, other = int(pairs[k, a]), int(pairs[k, b])
            if proba[k] < threshold and labels[other] != labels[r]:
                continue  # not a story this digest reports
            key = (float(headline_similarity[k]), -int(labels[other]))
            if r not in best or key > best[r]:
                best[r] = key
    for r, (_, negative_label) in best.items():
        placed[r] = -negative_label
    return placed
