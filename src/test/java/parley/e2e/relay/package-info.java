/** A UDP relay that puts loss, delay, jitter, reordering, duplication, blackouts and address changes between a client and a server, for fault tests. */
package parley.e2e.relay;
