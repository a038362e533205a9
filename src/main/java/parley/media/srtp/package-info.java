/**
 * SRTP and SRTCP packet protection (RFC 3711, RFC 7714) for one DTLS-SRTP association: pure
 * encrypt and decrypt, no I/O.
 */
package parley.media.srtp;
