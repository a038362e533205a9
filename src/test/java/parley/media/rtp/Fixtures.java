package parley.media.rtp;

/**
 * RTP packets captured from Chrome (as decoded by Wireshark in olivermichel/webrtc-analysis,
 * test/include/data.h); payloads were cut off in the capture.
 */
final class Fixtures {
    private Fixtures() {
    }

    /** One-byte extensions: abs-send-time (id 2), transport-wide seq (id 4), id 13. */
    static byte[] chromeOneByte() {
        return Hex.bytes("""
                90 2d 1a 5f   // V=2 X=1 CC=0 | M=0 PT=45 | seq 6751
                d4 09 05 49   // timestamp 3557360969
                f7 b1 6e 83   // SSRC 0xf7b16e83
                be de 00 03   // one-byte profile, 3 words
                22 f3 43 50   // id 2 len 3: abs-send-time 0xf34350
                41 00 9b      // id 4 len 2: transport-wide seq 155
                d2 81 00 45   // id 13 len 3
                00            // padding
                """);
    }

    /** One-byte extensions with 1-byte and 13-byte elements; marker set. */
    static byte[] chromeOneByteMarker() {
        return Hex.bytes("""
                90 ad 19 d4   // V=2 X=1 | M=1 PT=45 | seq 6612
                d4 05 e7 97   // timestamp 3557156759
                f7 b1 6e 83   // SSRC
                be de 00 08   // one-byte profile, 8 words
                22 ea 43 2b   // id 2 len 3
                41 00 04      // id 4 len 2: transport-wide seq 4
                90 30         // id 9 len 1
                30 00         // id 3 len 1
                60 02         // id 6 len 1
                7c 01 00 03 00 09 00 0a 00 23 00 00 00 00   // id 7 len 13
                d2 40 00 01   // id 13 len 3
                00            // padding
                """);
    }

    /** Two-byte extensions (profile 0x1000). */
    static byte[] chromeTwoByte() {
        return Hex.bytes("""
                90 2d 61 c5   // V=2 X=1 | PT=45 | seq 25029
                95 0a 0f ee   // timestamp 2500464622
                8d 38 14 e5   // SSRC
                10 00 00 11   // two-byte profile, 17 words
                02 03 03 f7 ae   // id 2 len 3: abs-send-time
                04 02 00 02      // id 4 len 2: transport-wide seq 2
                09 01 30         // id 9 len 1
                03 01 00         // id 3 len 1
                06 01 02         // id 6 len 1
                07 0d 01 00 01 00 07 00 07 00 0a 00 00 00 00   // id 7 len 13
                0d 21 c0 00 01 80 03 18 7a aa f1 30 a0 a0 14 d1 41 38 23 04 60 08 64 22
                      22 26 50 09 f0 07 70 13 f0 0e f0         // id 13 len 33
                """);
    }
}
