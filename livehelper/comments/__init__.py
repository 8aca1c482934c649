"""Comment sources (one module per platform) and the comment parser."""

from livehelper.comments.compiled import search_path

# the reader compiled for exactly these sources, where one was built (compiled.py)
__path__ = search_path(__path__)
