"""Comment sources (one module per platform) and the comment parser."""
