package parley.web;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;

/** The server's TLS private key and certificate chain (leaf first). */
public record TlsIdentity(PrivateKey key, List<X509Certificate> chain) {
    public TlsIdentity {
        if (key == null) throw new IllegalArgumentException("no private key");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) throw new IllegalArgumentException("empty certificate chain");
    }

    /** The certificate browsers see first. */
    public X509Certificate leaf() {
        return chain.get(0);
    }

    /**
     * The DNS names and IP addresses the leaf certificate is for (its subject alternative
     * names; "*.example.org" stays a wildcard), the names this server may be asked for.
     */
    public List<String> hostNames() {
        try {
            var names = leaf().getSubjectAlternativeNames();
            if (names == null) return List.of();
            return names.stream()
                    .filter(n -> n.size() == 2 && (Integer.valueOf(2).equals(n.get(0)) || Integer.valueOf(7).equals(n.get(0))))
                    .map(n -> String.valueOf(n.get(1)))
                    .toList();
        } catch (java.security.cert.CertificateParsingException e) {
            return List.of();
        }
    }

    /** An in-memory PKCS#12 key store holding this identity under alias "parley". */
    KeyStore toKeyStore(char[] password) throws GeneralSecurityException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("parley", key, password, chain.toArray(new Certificate[0]));
            return store;
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("cannot create an empty key store", e);
        }
    }
}
