package com.caddyshop.mail;

import java.util.Map;

/** One mail to queue: what kind, to whom, in which language, and the values its templates fill in. */
public record Mail(MailKind kind, String recipient, MailLanguage language, Map<String, String> values) {
    public Mail {
        values = Map.copyOf(values);
    }
}
