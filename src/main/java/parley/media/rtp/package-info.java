/** RTP packets in place: header fields, header extensions, sequence-number arithmetic and stream rewriting. */
package parley.media.rtp;
