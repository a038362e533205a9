/** The one UDP socket of the media plane, its event loop, and per-client transports (ICE-lite, DTLS, SRTP) demultiplexed by RFC 7983. */
package parley.media.transport;
