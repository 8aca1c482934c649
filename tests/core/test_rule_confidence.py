"""The reader's confidence is measured, rule by rule, on labelled comments: the table it
reads is what tools/measure_rules.py measures today, and a rule seldom right puts its
orders to the assistant."""

from __future__ import annotations

from livehelper.catalogue import read_catalogue
from livehelper.comments.confidence import Measured, measured_rules, smoothed
from livehelper.comments.parser import Parser
from tests.helpers import DEMO_CATALOGUE, tool_is_current

PRODUCTS = read_catalogue(DEMO_CATALOGUE)


def test_the_table_is_what_the_reader_measures_today() -> None:
    tool_is_current("measure_rules.py")


def test_a_rule_seldom_right_puts_its_orders_to_the_assistant() -> None:
    trusted = Parser(PRODUCTS, measured=Measured({"order.verb": (200, 199)}, 0.8))
    doubted = Parser(PRODUCTS, measured=Measured({"order.verb": (20, 11)}, 0.8))
    sure, unsure = trusted.parse("chốt 2kg", "KS"), doubted.parse("chốt 2kg", "KS")
    assert sure.items == unsure.items and sure.rule == unsure.rule == "order.verb"
    assert (sure.ambiguous, sure.confidence) == (False, smoothed(200, 199))
    assert (unsure.ambiguous, unsure.confidence) == (True, smoothed(20, 11))


def test_a_rule_never_measured_is_an_even_bet() -> None:
    never = Parser(PRODUCTS, measured=Measured({}, 0.8))
    reading = never.parse("chốt 2kg", "KS")
    assert reading.confidence == 0.5 and reading.ambiguous
    assert never.parse("đẹp quá", "KS").confidence == 0.5  # not an order: nothing to ask


def test_the_shipped_table_trusts_the_common_rules() -> None:
    table = measured_rules()
    for rule in ("order.verb", "order.product_amount", "cancel.word", "other.question"):
        seen, _right = table.tallies[rule]
        assert seen >= 40 and table.of(rule) >= 0.95, rule
