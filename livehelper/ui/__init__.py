"""The PySide6 window: Qt widgets and models over the core. The only package that imports Qt."""
