/** The DTLS 1.2 server handshake with use_srtp (RFC 5764) that yields SRTP keys, on BouncyCastle. */
package parley.media.dtls;
