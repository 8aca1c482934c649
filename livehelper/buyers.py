"""Moved to ``livehelper.store.buyers``; this name keeps existing imports working."""

import sys

from livehelper.store import buyers

sys.modules[__name__] = buyers
