package com.caddyshop.mail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS sockets of SMTP when {@code SMTP_CA_FILE} names the relay's certificate authorities: they trust
 * those and nothing else (not the JVM's default store), so a relay with a private CA needs no change to the
 * JVM. Failures are {@link IllegalArgumentException}s that name the variable, for the start-up check.
 */
final class SmtpTrust {
    static final String VARIABLE = "SMTP_CA_FILE";

    private SmtpTrust() {
    }

    static SSLSocketFactory fromPemFile(String file) {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new IllegalArgumentException(VARIABLE + " cannot be read (" + file + "): " + e, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(VARIABLE + " (" + file + ") is not a PEM file of certificates: "
                    + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(VARIABLE + " (" + file + ") holds no certificate");
        }
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int n = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("smtp-ca-" + n++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(VARIABLE + " (" + file + ") cannot be used as a trust store: " + e, e);
        }
    }
}
