/**
 * Phone dial-in over SIP: a small SIP user agent server for the subset a trunk or PBX uses
 * (INVITE with an SDP offer, ACK, BYE, CANCEL, OPTIONS, INFO) over UDP and TCP, its parser,
 * stream framing and transactions (RFC 3261 timers on an injected clock), and the phone leg's
 * RTP (Opus or G.711, RFC 4733 DTMF).
 * Nothing here logs a caller's number or address at the default level.
 */
package parley.sip;
