/** ICE over TCP's byte stream (RFC 6544, RFC 4571 framing): cutting frames out of it and queueing frames into it; no sockets. */
package parley.media.tcp;
