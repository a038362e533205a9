/** STUN messages and an ICE-lite agent that answers a client's connectivity and consent checks. */
package parley.media.ice;
