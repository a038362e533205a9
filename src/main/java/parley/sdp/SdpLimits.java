package parley.sdp;

/**
 * Bounds on an offer, so that a hostile client cannot make the server parse without end.
 *
 * @param maxChars         whole offer. Measured per receive m-line: Chromium 156 about 1 KB
 *                         audio and 5.3 KB video, Firefox 153 0.9 KB and 1.9 KB; with
 *                         setCodecPreferences(opus / VP8+rtx) 0.7 KB and 1.3 KB in both
 * @param maxMediaSections m-lines
 * @param maxLineChars     one line without its line ending
 */
public record SdpLimits(int maxChars, int maxMediaSections, int maxLineChars) {
    /** 64 KiB, 32 m-lines, 1024 characters a line. */
    public static final SdpLimits DEFAULT = new SdpLimits(64 * 1024, 64, 1024);

    public SdpLimits {
        if (maxChars < 64 || maxMediaSections < 1 || maxLineChars < 64) {
            throw new IllegalArgumentException("limits " + maxChars + "/" + maxMediaSections + "/" + maxLineChars
                    + " (expected: at least 64 chars, 1 m-line, 64 chars a line)");
        }
    }
}
