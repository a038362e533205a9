/**
 * Server-side audio: Opus and G.711 codecs, resampling, a jitter-buffered mixer with minus-one
 * outputs and levels, and DTMF and PIN entry: what phone dial-in and live captions rest on.
 */
package parley.audio;
