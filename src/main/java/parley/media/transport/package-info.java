/** The media ports (one UDP port, a socket per advertised local address; its TCP twin for ICE-TCP), their event loop, and per-client transports (ICE-lite, DTLS, SRTP) demultiplexed by RFC 7983. */
package parley.media.transport;
