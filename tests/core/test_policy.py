"""The duplicate-order rules, without a database (livehelper/store/policy.py)."""

from __future__ import annotations

from livehelper.store.policy import NEW, REPEAT, Verdict, judge

KS2 = {"KS": 2000}


def test_a_first_order_is_new() -> None:
    assert judge(KS2, [], adds=False) == NEW


def test_the_same_goods_again_is_a_repeat() -> None:
    assert judge(KS2, [(7, {"KS": 2000})], adds=False) == REPEAT
    assert judge({"KS": 2000, "NA": 1000}, [(7, {"NA": 1000, "KS": 2000})], adds=False) == REPEAT


def test_a_new_quantity_asks_about_the_latest_claim_with_that_product() -> None:
    waiting = [(3, {"KS": 1000}), (5, {"NA": 1000}), (8, {"KS": 3000, "MO": 1000})]
    assert judge(KS2, waiting, adds=False) == Verdict(replaces=8)
    assert judge({"NA": 2000}, waiting, adds=False) == Verdict(replaces=5)


def test_adding_more_is_always_new() -> None:
    assert judge(KS2, [(7, {"KS": 2000})], adds=True) == NEW


def test_other_goods_are_new() -> None:
    assert judge({"HH": 1000}, [(7, {"KS": 2000})], adds=False) == NEW


def test_claims_of_the_same_batch_are_referred_to_by_place() -> None:
    """The store gives a claim not yet inserted a negative reference: it is passed on."""
    assert judge(KS2, [(-1, {"KS": 1000})], adds=False) == Verdict(replaces=-1)
