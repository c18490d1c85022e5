package com.caddyshop.mail;

import com.caddyshop.platform.config.Secrets;
import com.caddyshop.platform.config.SmtpSettings;
import com.caddyshop.platform.config.StartupCheck;
import java.util.List;

/**
 * Production must send its mail. Without {@code SMTP_HOST} the outbox keeps every mail and nothing sends
 * it: a shop that answers 202 to a password reset and never mails the link. Development may run so (the
 * backlog shows in the metrics); production not, nor with a default {@code SMTP_PASS}. No environment
 * starts with an {@code SMTP_CA_FILE} that holds no certificate.
 */
public record SmtpCheck(SmtpSettings smtp) implements StartupCheck {
    @Override
    public List<String> problems(boolean production) {
        List<String> trust = trustProblems();
        if (!trust.isEmpty() || !production) {
            return trust;
        }
        if (!smtp.isEnabled()) {
            return List.of("SMTP_HOST is missing: production must send its mail (password reset, e-mail verification,"
                    + " orders); set SMTP_HOST, SMTP_PORT, SMTP_USER, SMTP_PASS and SMTP_FROM");
        }
        if (Secrets.isMissingOrDefault(smtp.getPassword())) {
            return List.of("SMTP_PASS is missing or a default value while SMTP_HOST is set");
        }
        return List.of();
    }

    /**
     * In every environment: {@code SMTP_CA_FILE} must hold certificates, and means nothing without TLS. Read
     * while SMTP is off too, so a file broken before SMTP is switched on is found at once.
     */
    private List<String> trustProblems() {
        if (!smtp.hasTrustedCaFile()) {
            return List.of();
        }
        if ("plain".equals(smtp.getTransport())) {
            return List.of(SmtpTrust.VARIABLE + " is set but SMTP_TRANSPORT is plain: there is no TLS to trust it for");
        }
        return StartupCheck.parses(() -> SmtpTrust.fromPemFile(smtp.getTrustedCaFile())).problems(false);
    }
}
