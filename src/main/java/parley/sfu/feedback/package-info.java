/** Feedback decisions of the SFU toward senders that need no SFU state: which packets to NACK and the round-trip time. */
package parley.sfu.feedback;
