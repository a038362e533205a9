/**
 * Congestion control toward one receiver: a send-side bandwidth estimate from its transport-cc
 * feedback ({@link parley.cc.BandwidthEstimator}, GCC's delay- and loss-based control) and the choice
 * of simulcast layers per video slot within that estimate ({@link parley.cc.LayerAllocator}).
 * Pure logic: no clock, no I/O; time comes in as arguments.
 */
package parley.cc;
