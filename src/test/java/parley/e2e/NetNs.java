package parley.e2e;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Linux network namespace joined to the root namespace by a veth pair on a private
 * /24 ({@code 10.77.<k>.0/24}): the root side is {@code .1} ({@link #hostAddress()}, where
 * servers under test listen and which they advertise as an ICE candidate), the namespace
 * side {@code .2} ({@link #nsAddress()}). The namespace has loopback and the veth only,
 * with no default route, so nothing in it can reach the outside.
 *
 * <p>Why: Firefox ESR gathers no loopback ICE candidates, so a Firefox on the same host as
 * the server needs a real interface; a namespace gives it one without touching the host.
 *
 * <p>Names carry the owning JVM's pid ({@code pe2e-<pid>-<n>}); {@link #create()} first
 * removes namespaces and links whose owner is dead (a crashed earlier run). Needs root
 * (CAP_NET_ADMIN and CAP_SYS_ADMIN); {@link #unavailableReason()} says why not.
 * Thread-safe.
 */
public final class NetNs implements AutoCloseable {
    static final String PREFIX = "pe2e-";
    private static final Pattern OWNED_NS = Pattern.compile("^" + PREFIX + "(\\d+)-\\d+");
    private static final Pattern OWNED_LINK = Pattern.compile("^\\d+: (pe([0-9a-z]+)_\\d+[rn])[@:]");
    private static final Path LOCK = Path.of(System.getProperty("java.io.tmpdir"), "parley-netns.lock");
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Set<NetNs> OPEN = ConcurrentHashMap.newKeySet();
    private static volatile Optional<String> unavailable;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(OPEN).forEach(NetNs::close)));
    }

    private final String name;
    private final String rootLink;
    private final String subnetPrefix;

    private NetNs(String name, String rootLink, String subnetPrefix) {
        this.name = name;
        this.rootLink = rootLink;
        this.subnetPrefix = subnetPrefix;
    }

    /**
     * Why namespaces cannot be made here (the exact error of a probe), or empty when they
     * can. Probes once per JVM.
     */
    public static synchronized Optional<String> unavailableReason() {
        if (unavailable == null) {
            try (NetNs probe = create()) {
                unavailable = Optional.empty();
            } catch (E2eException e) {
                unavailable = Optional.of(e.getMessage());
            }
        }
        return unavailable;
    }

    /** Creates a namespace with its veth pair, addresses and links up. */
    public static NetNs create() {
        long pid = ProcessHandle.current().pid();
        int n = COUNTER.incrementAndGet();
        String id = Long.toString(pid, 36) + "_" + n;
        String name = PREFIX + pid + "-" + n;
        String rootLink = "pe" + id + "r";
        String nsLink = "pe" + id + "n";
        try (FileChannel channel = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            removeStale();
            String prefix = "10.77." + freeSubnet() + ".";
            NetNs ns = new NetNs(name, rootLink, prefix);
            OPEN.add(ns);
            try {
                ip("netns", "add", name);
                ip("link", "add", rootLink, "type", "veth", "peer", "name", nsLink, "netns", name);
                ip("addr", "add", prefix + "1/24", "dev", rootLink);
                ip("link", "set", rootLink, "up");
                ip("-n", name, "addr", "add", prefix + "2/24", "dev", nsLink);
                ip("-n", name, "link", "set", nsLink, "up");
                ip("-n", name, "link", "set", "lo", "up");
            } catch (E2eException e) {
                ns.close();
                throw e;
            }
            return ns;
        } catch (IOException e) {
            throw new E2eException("cannot lock " + LOCK + " to allocate a subnet", e);
        }
    }

    /** The namespace's name, for {@code ip netns exec}. */
    public String name() {
        return name;
    }

    /** The root namespace's end of the veth, e.g. {@code 10.77.3.1}: bind and advertise servers here. */
    public String hostAddress() {
        return subnetPrefix + "1";
    }

    /** The namespace's end of the veth, e.g. {@code 10.77.3.2}. */
    public String nsAddress() {
        return subnetPrefix + "2";
    }

    /** {@code command} prefixed so that it runs inside this namespace. */
    public List<String> exec(List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(command);
        return full;
    }

    /**
     * Drops every UDP datagram into and out of the namespace (iptables in the namespace only): what
     * a network that allows only TCP looks like to a browser in it.
     */
    public void dropUdp() {
        for (String chain : List.of("OUTPUT", "INPUT")) {
            Processes.run(exec(List.of("iptables", "-A", chain, "-p", "udp", "-j", "DROP")), 10);
        }
    }

    /** Deletes the namespace (which deletes the veth pair). Idempotent; never throws. */
    @Override
    public void close() {
        Processes.tryRun(List.of("ip", "netns", "del", name), 10);
        Processes.tryRun(List.of("ip", "link", "del", rootLink), 10);
        OPEN.remove(this);
    }

    @Override
    public String toString() {
        return name + " (" + nsAddress() + " <-> " + hostAddress() + ")";
    }

    /**
     * Removes namespaces and veth links left by JVMs that are no longer running, first
     * killing (by pid) what still runs inside such a namespace: a browser the dead run left.
     */
    static void removeStale() {
        Processes.Result namespaces = Processes.tryRun(List.of("ip", "netns", "list"), 10);
        for (String line : namespaces.output().split("\n")) {
            Matcher m = OWNED_NS.matcher(line.strip());
            if (m.find() && !alive(Long.parseLong(m.group(1)))) {
                String stale = m.group().strip();
                killProcessesIn(stale);
                Processes.tryRun(List.of("ip", "netns", "del", stale), 10);
            }
        }
        Processes.Result links = Processes.tryRun(List.of("ip", "-o", "link", "show"), 10);
        for (String line : links.output().split("\n")) {
            Matcher m = OWNED_LINK.matcher(line.strip());
            if (m.find() && !alive(Long.parseLong(m.group(2), 36))) {
                Processes.tryRun(List.of("ip", "link", "del", m.group(1)), 10);
            }
        }
    }

    /** Kills, by pid, the processes still running inside the namespace {@code name}. */
    private static void killProcessesIn(String name) {
        Processes.Result pids = Processes.tryRun(List.of("ip", "netns", "pids", name), 10);
        if (!pids.ok()) {
            return;
        }
        for (String token : pids.output().split("\\s+")) {
            if (token.matches("\\d+") && Long.parseLong(token) > 1 && Long.parseLong(token) != ProcessHandle.current().pid()) {
                ProcessHandle.of(Long.parseLong(token)).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The first k in 1..250 such that no root-namespace address is in 10.77.k.0/24. */
    private static int freeSubnet() {
        String addresses = Processes.run(List.of("ip", "-o", "-4", "addr", "show"), 10);
        for (int k = 1; k <= 250; k++) {
            if (!addresses.contains(" 10.77." + k + ".")) {
                return k;
            }
        }
        throw new E2eException("no free subnet in 10.77.1-250.0/24 (expected: at least one unused)");
    }

    private static void ip(String... args) {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Processes.run(command, 10);
    }
}
