#!/usr/bin/python3
"""Forwards TCP connections from one address to another.

The end-to-end harness runs it inside a network namespace to expose Firefox's WebDriver
BiDi port, which Firefox binds to the namespace's own loopback only, on the namespace's
veth address where the test JVM in the root namespace can reach it. Firefox's HTTP
server answers only requests whose Host header names its own loopback address, so with
--host the Host header of each connection's first request is rewritten to that value.

Usage: tcp_forward.py [--host HOST:PORT] LISTEN_HOST LISTEN_PORT TARGET_HOST TARGET_PORT
"""
import asyncio
import re
import sys

HEADER_END = b"\r\n\r\n"
MAX_HEADER_BYTES = 65536


async def pipe(reader, writer):
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            writer.write(data)
            await writer.drain()
    except (ConnectionError, OSError):
        pass
    finally:
        try:
            writer.close()
        except OSError:
            pass


async def rewrite_first_request(reader, writer, host):
    """Copies the first request's header with its Host line replaced, then pipes the rest."""
    header = b""
    while HEADER_END not in header and len(header) < MAX_HEADER_BYTES:
        data = await reader.read(4096)
        if not data:
            break
        header += data
    head, sep, rest = header.partition(HEADER_END)
    head = re.sub(rb"(?im)^host:[^\r\n]*", b"Host: " + host.encode("ascii"), head)
    writer.write(head + sep + rest)
    await writer.drain()
    await pipe(reader, writer)


async def main(host, listen_host, listen_port, target_host, target_port):
    async def handle(client_reader, client_writer):
        try:
            target_reader, target_writer = await asyncio.open_connection(target_host, target_port)
        except OSError:
            client_writer.close()
            return
        upstream = (rewrite_first_request(client_reader, target_writer, host) if host
                    else pipe(client_reader, target_writer))
        await asyncio.gather(upstream, pipe(target_reader, client_writer))

    server = await asyncio.start_server(handle, listen_host, listen_port)
    print(f"forwarding {listen_host}:{listen_port} -> {target_host}:{target_port}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    args = sys.argv[1:]
    host = None
    if len(args) >= 2 and args[0] == "--host":
        host, args = args[1], args[2:]
    if len(args) != 4 or args[0] in ("-h", "--help"):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    asyncio.run(main(host, args[0], int(args[1]), args[2], int(args[3])))
