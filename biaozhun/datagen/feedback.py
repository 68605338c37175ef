"""Deterministic implementation feedback at national scale: committees of the real mix (550 TC, 766 SC, 22 SWG), and
feedback items spread over them as real volumes are (a few committees get most), received over the last three
years, in the states time would have left them in: old items answered and closed, recent ones open, some overdue,
a few rejected or merged. Pure Python (no Django): the benchmark (bench/bench_feedback.py) writes the rows.

    from biaozhun.datagen.feedback import committees, feedback_items
    codes = committees()                                     # 1,338 codes: SAC/TC 1 … SAC/TC 550/SC n, SAC/SWG 22
    for item in feedback_items(100_000, len(codes), today=date(2026, 11, 20)): ...

The same arguments always give the same items in the same order.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from biaozhun.rules.feedback import ALPHABET, new_tracking_number

# End-2023: 1,338 technical committees: 550 TC, 766 SC, 22 SWG (shared/reference/README.md).
TC, SC, SWG = 550, 766, 22
CATEGORIES = ("content", "conflict", "implementation", "outdated", "other")
CATEGORY_WEIGHTS = (40, 15, 25, 12, 8)
TEXTS = (
    "第 {c} 条规定的试验条件未给出允许偏差，各实验室执行不一致，建议明确。",
    "第 {c} 条的要求与现行强制性国家标准不一致，建议协调。",
    "中小企业缺少第 {c} 条要求的检测设备，建议给出替代方法。",
    "第 {c} 条的限值已落后于国际标准最新版，建议修订。",
    "第 {c} 条的术语定义与相关标准不一致，建议统一。",
)
ANSWER = "经研究，您反映的问题已纳入下次修订工作计划；修订前按现行条款执行。"


def committees() -> list[str]:
    """1,338 committee codes: each TC, subcommittees spread over the first TCs, then the working groups."""
    codes = [f"SAC/TC {n}" for n in range(1, TC + 1)]
    rng = random.Random("committees")
    parents = sorted(rng.sample(range(1, TC + 1), 300))
    per_parent = {p: 0 for p in parents}
    for index in range(SC):
        parent = parents[index % len(parents)]
        per_parent[parent] += 1
        codes.append(f"SAC/TC {parent}/SC {per_parent[parent]}")
    codes += [f"SAC/SWG {n}" for n in range(1, SWG + 1)]
    return codes


@dataclass(frozen=True, slots=True)
class Item:
    tracking_number: str
    committee: int  # index into committees()
    category: str
    clause: str
    text: str
    pseudonym: str
    received_on: date
    state: str
    acknowledged_after: int | None  # calendar days after receipt, or None
    answered_after: int | None
    answer_working_days: int | None
    answered_late: bool


def _committee(rng: random.Random, count: int) -> int:
    """A committee index, a few receiving most of the feedback (a Zipf-like spread over a shuffled order)."""
    return min(count - 1, int(count * rng.random() ** 2.2))


def feedback_items(count: int, committee_count: int, *, today: date, seed: int = 2019,
                   answer_days: int = 20) -> Iterator[Item]:
    """`count` items over `committee_count` committees, received within three years before `today`."""
    rng = random.Random(f"{seed}:feedback")
    order = list(range(committee_count))
    rng.shuffle(order)  # which committees are the busy ones
    seen_numbers: set[str] = set()
    for _n in range(count):
        age = int(1095 * rng.random() ** 1.6)  # more recent items than old ones
        received = today - timedelta(days=age)
        category = rng.choices(CATEGORIES, CATEGORY_WEIGHTS)[0]
        clause = f"{rng.randint(3, 9)}.{rng.randint(1, 6)}"
        answered_after = acknowledged_after = working = None
        late = False
        roll = rng.random()
        if roll < 0.02:
            state = "rejected"
        elif roll < 0.04:
            state = "merged"
        else:
            # the answer comes after 2–45 calendar days (about 28 the limit); later items may still be open
            delay = int(2 + 43 * rng.random() ** 1.4)
            if delay <= age and rng.random() < 0.97:
                answered_after, acknowledged_after = delay, min(delay, rng.randint(1, 7))
                working = max(0, round(delay * 5 / 7))
                late = working > answer_days
                state = "closed" if age - delay > 20 else "answered"
            elif age > 7:
                acknowledged_after = rng.randint(1, 7) if rng.random() < 0.7 else None
                state = "acknowledged" if acknowledged_after is not None else "routed"
            else:
                state = "routed" if rng.random() < 0.9 else "received"
        while True:
            number = new_tracking_number("".join(rng.choice(ALPHABET) for _ in range(10)))
            if number not in seen_numbers:
                seen_numbers.add(number)
                break
        yield Item(number, order[_committee(rng, committee_count)], category, clause,
                   rng.choice(TEXTS).format(c=clause), f"{rng.getrandbits(32):08x}", received, state,
                   acknowledged_after, answered_after, working, late)
