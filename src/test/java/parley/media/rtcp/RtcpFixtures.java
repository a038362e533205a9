package parley.media.rtcp;

import parley.media.rtp.Hex;

/** Captured RTCP datagrams, each with where it came from. */
final class RtcpFixtures {
    private RtcpFixtures() {
    }

    /**
     * A browser's compound SR + SDES + REMB (Chrome: 16-character CNAME, REMB), from the RTCP tests of
     * Amazon's Kinesis Video Streams WebRTC C SDK.
     */
    static byte[] chromeSrSdesRemb() {
        return Hex.bytes("""
                80 c8 00 06   // SR: V=2 RC=0, PT 200, length 6 (28 bytes)
                f1 2d 7b 4b   // SSRC of sender
                e1 e3 20 43   // NTP timestamp, most significant word
                e5 3d 10 2b   // NTP timestamp, least significant word
                bf 58 f7 ef   // RTP timestamp
                00 00 23 f3   // sender's packet count 9203
                00 6c d3 75   // sender's octet count 7132021
                81 ca 00 06   // SDES: SC=1, PT 202, length 6
                f1 2d 7b 4b   // chunk SSRC
                01 10         // CNAME, 16 bytes
                2f 76 6d 4b 51 6e 47 6e 55 70 4f 2b 70 38 64 52   // "/vmKQnGnUpO+p8dR"
                00 00         // end of items, padding
                8f ce 00 06   // PSFB: FMT 15, PT 206, length 6
                f1 2d 7b 4b   // SSRC of packet sender
                00 00 00 00   // SSRC of media source (unused)
                52 45 4d 42   // "REMB"
                02 12 2d 97   // 2 SSRCs, exponent 4, mantissa 142743: 2283888 bps
                0c ef 37 0d   // SSRC 1
                2d 07 3d 1d   // SSRC 2
                """);
    }

    /** Firefox's RR + SDES + BYE + PLI + RRR + APP, "from a packet dump" in pion/rtcp's tests. */
    static byte[] firefoxCompound() {
        return Hex.bytes("""
                81 c9 00 07   // RR: RC=1, PT 201, length 7
                90 2f 9e 2e   // SSRC of packet sender
                bc 5e 9a 40   // block: SSRC
                00 00 00 00   // fraction lost 0, cumulative lost 0
                00 00 46 e1   // extended highest sequence number 18145
                00 00 01 11   // jitter 273
                09 f3 64 32   // last SR
                00 02 4a 79   // delay since last SR 150137
                81 ca 00 0c   // SDES: SC=1, length 12
                90 2f 9e 2e   // chunk SSRC
                01 26         // CNAME, 38 bytes: "{9c00eb92-1afb-9d49-a47d-91f64eee69f5}"
                7b 39 63 30 30 65 62 39 32 2d 31 61 66 62 2d 39 64 34 39 2d
                61 34 37 64 2d 39 31 66 36 34 65 65 65 36 39 66 35 7d
                00 00 00 00   // end of items, padding
                81 cb 00 01   // BYE: SC=1
                90 2f 9e 2e   // source
                81 ce 00 02   // PLI: PSFB FMT 1
                90 2f 9e 2e   // sender
                90 2f 9e 2e   // media source
                85 cd 00 02   // RTPFB FMT 5 (rapid resynchronisation request): not parsed here
                90 2f 9e 2e
                90 2f 9e 2e
                80 cc 00 03   // APP: not parsed here
                4b aa e1 ab
                4e 41 4d 45   // "NAME"
                41 42 43 44   // data "ABCD"
                """);
    }

    /** Transport-cc feedback from a browser capture (Wireshark dump in olivermichel/webrtc-analysis). */
    static byte[] capturedTransportCc() {
        return Hex.bytes("""
                af cd 00 07   // P=1 FMT 15, PT 205, length 7 (32 bytes)
                00 00 00 01   // SSRC of packet sender
                dd 58 6e b6   // SSRC of media source
                00 01 00 09   // base sequence number 1, packet status count 9
                5e 91 10 00   // reference time 6197520 (x 64 ms), feedback packet count 0
                20 09         // run-length chunk: 9 x small delta
                1c 0c 2c 38 00 04 00 08 18   // deltas in 250 us: 7, 3, 11, 14, 0, 1, 0, 2, 6 ms
                01            // padding count 1
                """);
    }

    /** Transport-cc feedback from pion/rtcp's tests (example 4), with 3 bytes of padding. */
    static byte[] pionTransportCc() {
        return Hex.bytes("""
                af cd 00 07   // P=1 FMT 15, PT 205, length 7
                fa 17 fa 17   // sender
                19 3d d8 bb   // media source
                00 04 00 07   // base 4, count 7
                10 63 6e 01   // reference time 1074030, feedback count 1
                20 07         // run-length: 7 x small delta
                4c 24 24 10 0c 0c 10   // 19, 9, 9, 4, 3, 3, 4 ms
                00 00 03      // padding
                """);
    }
}
