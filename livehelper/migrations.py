"""Moved to ``livehelper.store.migrations``; this name keeps existing imports working."""

import sys

from livehelper.store import migrations

sys.modules[__name__] = migrations
