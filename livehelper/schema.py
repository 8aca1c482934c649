"""Moved to ``livehelper.store.schema``; this name keeps existing imports working."""

import sys

from livehelper.store import schema

sys.modules[__name__] = schema
