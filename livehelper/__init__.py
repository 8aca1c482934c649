"""livehelper: a desktop assistant for people who sell live.

The package root is the Qt-free core. Only ``livehelper.ui`` imports Qt.
"""

__version__ = "0.1.0"
