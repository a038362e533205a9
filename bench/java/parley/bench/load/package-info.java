/**
 * The load generator: synthetic meeting participants that join a Parley server over its real
 * signaling WebSocket (or Janus's videoroom over its HTTP API, {@code parley.bench.load.janus}), ICE,
 * DTLS and SRTP, send pre-encoded simulcast VP8 and Opus, receive and decrypt what the server
 * forwards, and report joins, rates, loss and the server's CPU
 * ({@code bench/load.sh}, {@link parley.bench.load.LoadMain}, in-JVM {@link parley.bench.load.LoadRun}).
 */
package parley.bench.load;
