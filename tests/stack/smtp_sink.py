"""A local SMTP sink: accepts every message and keeps it (the stack test counts them)."""

from __future__ import annotations

import asyncio
import email
import email.policy
import threading
from dataclasses import dataclass


@dataclass
class Received:
    message_id: str
    to: list[str]
    subject: str
    body: str


class SMTPSink:
    """An asyncio SMTP server in a thread of the test process, on ``127.0.0.1:port``.

    Speaks just what Django's SMTP backend (smtplib) uses: EHLO/HELO, MAIL, RCPT, DATA
    (with dot-unstuffing), RSET, NOOP, QUIT. No TLS, no auth: loopback only.
    """

    def __init__(self, port: int):
        self.port = port
        self.messages: list[Received] = []
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> SMTPSink:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError(f"the SMTP sink did not start on port {self.port}")
        return self

    def stop(self) -> None:
        if not self._thread.is_alive():
            return
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def snapshot(self) -> list[Received]:
        with self._lock:
            return list(self.messages)

    def count(self) -> int:
        with self._lock:
            return len(self.messages)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(
            asyncio.start_server(self._session, "127.0.0.1", self.port)
        )
        self._ready.set()
        try:
            self._loop.run_forever()
        finally:
            server.close()

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        def reply(line: str) -> None:
            writer.write(line.encode() + b"\r\n")

        reply("220 cma-stack-sink ESMTP")
        try:
            while line := await reader.readline():
                verb = line.decode(errors="replace").strip().split(" ", 1)[0].upper()
                if verb in ("EHLO", "HELO"):
                    reply("250 cma-stack-sink")
                elif verb in ("MAIL", "RCPT", "RSET", "NOOP"):
                    reply("250 OK")
                elif verb == "DATA":
                    reply("354 End data with <CR><LF>.<CR><LF>")
                    await writer.drain()
                    lines = []
                    while (data := await reader.readline()) not in (b".\r\n", b".\n", b""):
                        lines.append(data[1:] if data.startswith(b"..") else data)
                    self._keep(b"".join(lines))
                    reply("250 OK: queued")
                elif verb == "QUIT":
                    reply("221 Bye")
                    await writer.drain()
                    break
                else:
                    reply("502 Command not implemented")
                await writer.drain()
        finally:
            writer.close()

    def _keep(self, raw: bytes) -> None:
        message = email.message_from_bytes(raw, policy=email.policy.default)
        part = message.get_body(preferencelist=("plain",))
        received = Received(
            message_id=str(message.get("Message-ID", "")),
            to=[str(a) for a in message.get_all("To", [])],
            subject=str(message.get("Subject", "")),
            body=part.get_content() if part is not None else "",
        )
        with self._lock:
            self.messages.append(received)
