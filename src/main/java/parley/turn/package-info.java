/**
 * Short-lived TURN credentials for the coturn an operator runs beside Parley: the TURN REST
 * API scheme of coturn's {@code use-auth-secret} (a username carrying its expiry, an
 * HMAC-SHA1 password), handed to admitted participants so that browsers behind firewalls
 * that pass only TLS on TCP 443 still reach the media port through a relay.
 */
package parley.turn;
