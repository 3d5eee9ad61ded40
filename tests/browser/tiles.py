"""A stand-in tile server for the browser tests: the machines that run them reach no tile
server, and a map whose tiles fail fills the console with network errors (Lighthouse's
best-practices audit counts them). Every ``/{z}/{x}/{y}.png`` is one light generated tile.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO


@lru_cache(maxsize=1)
def tile_png() -> bytes:
    from PIL import Image, ImageDraw

    tile = Image.new("RGB", (256, 256), (238, 234, 224))
    draw = ImageDraw.Draw(tile)
    for k in range(0, 256, 64):
        draw.line([(k, 0), (k, 256)], fill=(225, 220, 208), width=2)
        draw.line([(0, k), (256, k)], fill=(225, 220, 208), width=2)
    draw.line([(0, 200), (256, 120)], fill=(255, 255, 255), width=6)  # a road
    buffer = BytesIO()
    tile.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's name
        body = tile_png()
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "public, max-age=86400")
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class TileServer:
    def __init__(self, port: int = 0):
        self.server = ThreadingHTTPServer(("127.0.0.1", port), _Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/{{z}}/{{x}}/{{y}}.png"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> TileServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


if __name__ == "__main__":  # python -m tests.browser.tiles PORT: for screenshots by hand
    import sys

    server = TileServer(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    print(server.url, flush=True)
    server.server.serve_forever()
