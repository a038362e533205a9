/**
 * Janus's HTTP API (the Janus core's session, handle, message and trickle requests, long-polled
 * events) and the videoroom plugin's SDP as a subscriber answers it, for the load generator's Janus
 * mode ({@code bench/load.sh --server janus}, {@code bench/versus-janus.sh}).
 */
package parley.bench.load.janus;
