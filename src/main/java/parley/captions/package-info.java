/** Live captions: each speaker's Opus from the SFU's tap, decoded and recognised offline (Vosk) on a captions thread. */
package parley.captions;
