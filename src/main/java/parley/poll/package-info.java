/** Polls of one meeting: questions, options, one vote per participant, live counts; in memory only. */
package parley.poll;
