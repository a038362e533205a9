package parley.web;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import java.util.Map;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A {@link SecureRandom} for TLS that never makes one handshake wait for another: each thread
 * draws from a DRBG of its own.
 *
 * <p>Why: the JDK's default (NativePRNG) serialises every caller on two global locks, and a
 * TLS 1.3 handshake draws from it several times (random cookie, session id, ticket). In a join
 * storm of 500 handshakes on Jetty's pool of up to 200 threads, a preempted lock holder made
 * the others queue for up to 17 s (JFR: jdk.JavaMonitorEnter on
 * sun.security.provider.SecureRandom), long enough for the request-head deadline to cut
 * honest connections. Per-thread generators have nothing to share once seeded.
 *
 * <p>The provider marks the algorithm ThreadSafe, so {@link SecureRandom} adds no lock of its own.
 */
public final class PerThreadRandom {
    private static final String ALGORITHM = "ParleyPerThreadDRBG";
    private static final Provider PROVIDER = new PerThreadProvider();

    private PerThreadRandom() {
    }

    /** A new handle; every handle draws from the calling thread's own generator. */
    public static SecureRandom create() {
        try {
            return SecureRandom.getInstance(ALGORITHM, PROVIDER);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the per-thread random provider lost its algorithm", e);
        }
    }

    /** Jetty's server TLS context, drawing from this random. */
    public static SslContextFactory.Server serverTls() {
        return new SslContextFactory.Server() {
            @Override
            protected SecureRandom getSecureRandomInstance() {
                return create();
            }
        };
    }

    /** A client TLS context that trusts every certificate (load generators against a self-signed server). */
    public static SslContextFactory.Client trustingClientTls() {
        return new SslContextFactory.Client(true) {
            @Override
            protected SecureRandom getSecureRandomInstance() {
                return create();
            }
        };
    }

    private static final class PerThreadProvider extends Provider {
        PerThreadProvider() {
            super("ParleyPerThreadRandom", "1", "One DRBG per thread, for TLS handshakes");
            putService(new Service(this, "SecureRandom", ALGORITHM, Spi.class.getName(), null,
                    Map.of("ThreadSafe", "true")) {
                @Override
                public Object newInstance(Object parameter) {
                    return new Spi();
                }
            });
        }
    }

    private static final class Spi extends SecureRandomSpi {
        private static final ThreadLocal<SecureRandom> OWN = ThreadLocal.withInitial(Spi::drbg);

        private static SecureRandom drbg() {
            try {
                return SecureRandom.getInstance("DRBG");
            } catch (NoSuchAlgorithmException e) {
                return new SecureRandom();
            }
        }

        @Override
        protected void engineSetSeed(byte[] seed) {
            OWN.get().setSeed(seed);
        }

        @Override
        protected void engineNextBytes(byte[] bytes) {
            OWN.get().nextBytes(bytes);
        }

        @Override
        protected byte[] engineGenerateSeed(int numBytes) {
            return OWN.get().generateSeed(numBytes);
        }
    }
}
