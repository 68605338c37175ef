"""The national-scale feedback generator: the real committee mix, deterministic items, states that follow time."""

from collections import Counter
from datetime import date

from biaozhun.datagen.feedback import SC, SWG, TC, committees, feedback_items
from biaozhun.rules.feedback import normalise_tracking_number

TODAY = date(2026, 11, 20)


def test_there_are_1338_committees_of_the_real_mix():
    codes = committees()
    assert len(codes) == len(set(codes)) == 1338
    assert (sum("/SC " in c for c in codes), sum("SWG" in c for c in codes)) == (SC, SWG)
    assert sum(c.startswith("SAC/TC ") and "/SC " not in c for c in codes) == TC


def test_the_same_arguments_give_the_same_items():
    assert list(feedback_items(500, 1338, today=TODAY)) == list(feedback_items(500, 1338, today=TODAY))
    assert list(feedback_items(50, 1338, today=TODAY, seed=1)) != list(feedback_items(50, 1338, today=TODAY))


def test_items_are_well_formed_and_their_states_follow_time():
    items = list(feedback_items(5000, 1338, today=TODAY))
    assert len({i.tracking_number for i in items}) == 5000
    assert all(normalise_tracking_number(i.tracking_number) == i.tracking_number for i in items)
    states = Counter(i.state for i in items)
    assert set(states) == {"received", "routed", "acknowledged", "answered", "closed", "merged", "rejected"}
    for item in items:
        age = (TODAY - item.received_on).days
        assert 0 <= age <= 1095
        if item.answered_after is not None:
            assert item.answered_after <= age and item.state in ("answered", "closed")
        if item.state == "received":
            assert age <= 7


def test_a_few_committees_receive_most_of_the_feedback():
    per = Counter(i.committee for i in feedback_items(20_000, 1338, today=TODAY))
    busiest = sum(n for _c, n in per.most_common(134))
    assert busiest > 0.3 * 20_000 and len(per) > 600
