/** The signaling wire: typed JSON messages over one WebSocket per participant, validated, rate-limited and dispatched to rooms. */
package parley.signal;
