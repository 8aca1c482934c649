"""Runtime data shipped with livehelper (demo data, lexicon, translations, icons).

Installed as ``livehelper.resources``; read it with ``livehelper.resources_path``.
"""
