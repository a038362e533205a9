package parley.bench.load;

/**
 * Everything a report compares, read at one moment: the run's counters, the server's and this
 * process's CPU and memory (null when unreadable), and the kernel's drop counts on the participants'
 * sockets and on the server's media port (-1 when unknown). A report is the difference of two.
 */
record Reading(Stats.Snapshot stats, ProcStats.Sample server, ProcStats.Sample self, long generatorDrops, long serverDrops) {
}
