/** The one UDP port of the media plane (a socket per advertised local address), its event loop, and per-client transports (ICE-lite, DTLS, SRTP) demultiplexed by RFC 7983. */
package parley.media.transport;
