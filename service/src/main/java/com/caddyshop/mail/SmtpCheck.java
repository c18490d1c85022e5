package com.caddyshop.mail;

import com.caddyshop.platform.config.Secrets;
import com.caddyshop.platform.config.SmtpSettings;
import com.caddyshop.platform.config.StartupCheck;
import java.util.List;

/**
 * Production must send its mail. Without {@code SMTP_HOST} the outbox keeps every mail and nothing sends
 * it: a shop that answers 202 to a password reset and never mails the link. Development may run so (the
 * backlog shows in the metrics); production not, nor with a default {@code SMTP_PASS}.
 */
public record SmtpCheck(SmtpSettings smtp) implements StartupCheck {
    @Override
    public List<String> problems(boolean production) {
        if (!production) {
            return List.of();
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
}
