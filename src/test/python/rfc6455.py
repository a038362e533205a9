"""A minimal RFC 6455 WebSocket endpoint over asyncio, for the Parley test clients.

The system Python that has aiortc has neither `websockets` nor `aiohttp`, so the aiortc
client (and mock_parley.py, its stand-in server) use this: text frames, ping/pong and
close; no extensions, no subprotocols.
"""
import asyncio
import base64
import os
import ssl
import struct
import urllib.parse


class WebSocketClosed(Exception):
    pass


def xor_mask(payload, mask):
    """RFC 6455 section 5.3 masking (its own inverse), on whole integers for speed."""
    n = len(payload)
    if n == 0:
        return payload
    key = (mask * (n // 4 + 1))[:n]
    return (int.from_bytes(payload, "big") ^ int.from_bytes(key, "big")).to_bytes(n, "big")


class WebSocket:
    """A minimal RFC 6455 endpoint: text frames, ping/pong, close. One reader, many writers.

    Clients mask what they send; the test server in mock_parley.py reuses this class
    with masking off."""

    def __init__(self, reader, writer, masking=True):
        self.reader = reader
        self.writer = writer
        self.masking = masking
        self.closed = False
        self.close_code = None

    @classmethod
    async def connect(cls, url, timeout=10.0):
        parts = urllib.parse.urlsplit(url)
        secure = parts.scheme == "wss"
        if parts.scheme not in ("ws", "wss"):
            raise ValueError(f"URL scheme {parts.scheme!r} (expected: ws or wss)")
        port = parts.port or (443 if secure else 80)
        context = None
        if secure:
            context = ssl.create_default_context()
            context.check_hostname = False  # the test server's certificate is self-signed
            context.verify_mode = ssl.CERT_NONE
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(parts.hostname, port, ssl=context), timeout)
        key = base64.b64encode(os.urandom(16)).decode("ascii")
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
        # No Origin header: the protocol only constrains it when present.
        request = (f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
                   f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                   f"Sec-WebSocket-Version: 13\r\n\r\n")
        writer.write(request.encode("ascii"))
        await writer.drain()
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
        status = head.split(b"\r\n", 1)[0].decode("latin-1")
        if " 101 " not in status + " ":
            writer.close()
            raise ConnectionError(f"WebSocket upgrade refused: {status}")
        return cls(reader, writer)

    async def send_text(self, text):
        if self.closed:
            raise WebSocketClosed("send on a closed WebSocket")
        await self._send_frame(0x1, text.encode("utf-8"))

    async def _send_frame(self, opcode, payload):
        header = bytearray([0x80 | opcode])
        mask_bit = 0x80 if self.masking else 0
        length = len(payload)
        if length < 126:
            header.append(mask_bit | length)
        elif length < 65536:
            header.append(mask_bit | 126)
            header += struct.pack("!H", length)
        else:
            header.append(mask_bit | 127)
            header += struct.pack("!Q", length)
        if self.masking:
            mask = os.urandom(4)
            header += mask
            payload = xor_mask(payload, mask)
        self.writer.write(bytes(header) + payload)
        await self.writer.drain()

    async def recv(self):
        """The next text message, or None once the connection is closed."""
        message = bytearray()
        while True:
            try:
                first, second = await self.reader.readexactly(2)
            except (asyncio.IncompleteReadError, ConnectionError):
                self.closed = True
                return None
            fin, opcode = first & 0x80, first & 0x0F
            length = second & 0x7F
            if length == 126:
                length = struct.unpack("!H", await self.reader.readexactly(2))[0]
            elif length == 127:
                length = struct.unpack("!Q", await self.reader.readexactly(8))[0]
            mask = await self.reader.readexactly(4) if second & 0x80 else None
            payload = await self.reader.readexactly(length)
            if mask:
                payload = xor_mask(payload, mask)
            if opcode == 0x8:
                self.close_code = struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else None
                if not self.closed:
                    self.closed = True
                    try:
                        await self._send_frame(0x8, payload[:2])
                    except (ConnectionError, OSError):
                        pass
                return None
            if opcode == 0x9:
                await self._send_frame(0xA, payload)
                continue
            if opcode == 0xA:
                continue
            message += payload
            if fin:
                return message.decode("utf-8")

    async def close(self, code=1000):
        if not self.closed:
            self.closed = True
            try:
                await self._send_frame(0x8, struct.pack("!H", code))
            except (ConnectionError, OSError):
                pass
        try:
            self.writer.close()
        except OSError:
            pass
