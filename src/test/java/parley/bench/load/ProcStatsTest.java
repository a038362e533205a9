package parley.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcStatsTest {
    @Test
    void cpuTicksAreUtimePlusStimeWhateverTheCommandName() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
        String stat = "4242 (java) (x) S 1 4242 4242 0 -1 4194560 9000 0 12 0 1234 567 0 0 20 0 45 0 100 0 0\n";
        assertEquals(1234 + 567, ProcStats.cpuTicks(stat));
    }

    @Test
    void rssComesFromVmRss() {
        assertEquals(183_420, ProcStats.rssKb("Name:\tjava\nVmPeak:\t 9000000 kB\nVmRSS:\t  183420 kB\nThreads:\t40\n"));
        assertEquals(0, ProcStats.rssKb("Name:\tkthreadd\nThreads:\t1\n"));
    }

    @Test
    void findsTheListeningSocketOfAPortInProcNetTcp() {
        List<String> rows = List.of(
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                "   0: 0100007F:480B 0100007F:B878 01 00000000:00000000 00:00000000 00000000     0        0 5555 1", // 18443, established
                "   1: 0100007F:480B 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 7777 1", // 18443, LISTEN
                "   2: 00000000:20FB 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 8888 1"); // 8443
        assertEquals(7777, ProcStats.listeningInode(rows, 18443));
        assertEquals(8888, ProcStats.listeningInode(rows, 8443));
        assertEquals(-1, ProcStats.listeningInode(rows, 9999));
    }

    @Test
    void sumsTheDropsOfTheChosenUdpPorts() {
        List<String> rows = List.of(
                "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops",
                " 1907: 0100007F:CC0A 0100007F:4E20 01 00000000:00000000 00:00000000 00000000     0        0 227364 2 000000002939ec93 17",
                " 2441: 0100007F:4E20 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 169396 2 00000000881d46c1 5",
                " 2442: 0100007F:CC0B 0100007F:4E20 01 00000000:00000000 00:00000000 00000000     0        0 169397 2 00000000881d46c2 3");
        assertEquals(17 + 3, ProcStats.udpDrops(rows, port -> port == 0xCC0A || port == 0xCC0B), "two participants' sockets");
        assertEquals(5, ProcStats.udpDrops(rows, port -> port == 20000), "the server's media port");
    }

    @Test
    void samplesThisProcess() {
        ProcStats.Sample s = new ProcStats(ProcessHandle.current().pid()).sample();
        assertTrue(s != null && s.cpuTicks() > 0 && s.rssKb() > 0, String.valueOf(s));
    }
}
