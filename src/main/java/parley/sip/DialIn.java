package parley.sip;

import java.util.Optional;

/**
 * Where phone callers go: the rooms, found by their dial-in PIN. The app wires it to the
 * signaling side; the SIP thread calls it and must not block long.
 */
public interface DialIn {
    /**
     * Admits a phone caller (shown as "Phone caller N") to the room whose PIN this is, when
     * dial-in is on there; empty when no room has this PIN (a wrong PIN).
     */
    Optional<PhoneSeat> admit(String pin);

    /** A caller's place in a room, for the phone leg's audio. Thread-safe: the SIP thread calls it. */
    interface PhoneSeat {
        /** One 20 ms frame of the caller's audio, 48 kHz mono ({@code parley.audio.Pcm#FRAME_48K} samples). */
        void fromCaller(short[] pcm48k);

        /**
         * One Opus payload of the caller's (a trunk that speaks Opus), passed to the meeting as it
         * came: {@code seq} and {@code ts} are the trunk's RTP sequence number and timestamp (their
         * gaps are losses), {@code dbov} its level.
         */
        void fromCallerOpus(byte[] payload, int off, int len, int seq, int ts, double dbov);

        /** The meeting's audio without the caller for the next 20 ms at 48 kHz, or null for silence. */
        short[] toCaller();

        /** True once the caller left the room on the server's side (kicked, the room ended): hang up. */
        boolean ended();

        /** The caller hung up (or the call failed): leave the room. */
        void leave();
    }

    /** No rooms: every PIN is wrong. */
    DialIn NONE = pin -> Optional.empty();
}
