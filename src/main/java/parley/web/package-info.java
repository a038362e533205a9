/** The HTTP(S) front door: the static web client, security headers, and the WebSocket upgrade to {@link parley.signal}. */
package parley.web;
