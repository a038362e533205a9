/** End-to-end tests of a crowded meeting: the load generator's synthetic participants fill a room, real browsers join it. */
package parley.e2e.crowd;
