"""Moved to ``livehelper.store.stock``; this name keeps existing imports working."""

import sys

from livehelper.store import stock

sys.modules[__name__] = stock
