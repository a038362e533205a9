package parley.sdp;

/**
 * Bounds on an offer, so that a hostile client cannot make the server parse without end.
 *
 * @param maxChars         whole offer; a Chrome offer is about 2 KB per audio m-line and 6.5 KB
 *                         per video m-line unless the client restricts codecs with
 *                         setCodecPreferences (then about 1.5 KB)
 * @param maxMediaSections m-lines
 * @param maxLineChars     one line without its line ending
 */
public record SdpLimits(int maxChars, int maxMediaSections, int maxLineChars) {
    /** 64 KiB, 32 m-lines, 1024 characters a line. */
    public static final SdpLimits DEFAULT = new SdpLimits(64 * 1024, 32, 1024);

    public SdpLimits {
        if (maxChars < 64 || maxMediaSections < 1 || maxLineChars < 64) {
            throw new IllegalArgumentException("limits " + maxChars + "/" + maxMediaSections + "/" + maxLineChars
                    + " (expected: at least 64 chars, 1 m-line, 64 chars a line)");
        }
    }
}
