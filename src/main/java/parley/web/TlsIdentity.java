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
