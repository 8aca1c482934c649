"""OBS Studio and the browser overlays it shows.

obs.py         one connection to OBS's WebSocket: scenes, text sources, browser sources
controller.py  that connection on its own thread, reconnecting, following OBS's scenes
server.py      the overlay pages and their live data on one local port
"""
