package parley.sdp;

import java.util.List;

/**
 * An {@code a=simulcast} attribute (RFC 8853): the rids of the streams in each direction, in
 * order. Of each stream's alternatives ("a,b") only the first is kept, without its pause mark "~".
 */
public record Simulcast(List<String> send, List<String> recv) {
    public Simulcast {
        send = List.copyOf(send);
        recv = List.copyOf(recv);
    }
}
