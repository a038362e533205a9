/** SDP offer/answer for the SFU: parses a client's offer and writes the server's ICE-lite, BUNDLE-only answer. */
package parley.sdp;
