/** RTCP packets, one class per type, each parsed from and written to a byte buffer. */
package parley.media.rtcp;
