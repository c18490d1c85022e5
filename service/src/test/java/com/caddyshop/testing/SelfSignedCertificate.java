package com.caddyshop.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate for 127.0.0.1 signed by its own key, made by openssl in a temporary directory (removed at
 * the end of the run): a server's certificate and, for the client, the only CA that vouches for it.
 */
public record SelfSignedCertificate(Path certificate, Path key) {
    public static SelfSignedCertificate forLoopback() {
        Path dir = TempDirs.create("cert");
        RealServers.track(() -> TempDirs.delete(dir));
        Path certificate = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        List<String> command = List.of(Binaries.require("openssl").toString(), "req", "-x509", "-newkey", "rsa:2048",
                "-nodes", "-keyout", key.toString(), "-out", certificate.toString(), "-days", "2",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1");
        try {
            Process openssl = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
                throw new AssertionError("openssl could not make a certificate:\n" + output);
            }
        } catch (IOException e) {
            throw new AssertionError("openssl could not be run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while openssl made a certificate", e);
        }
        return new SelfSignedCertificate(certificate, key);
    }
}
