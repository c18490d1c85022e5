package com.caddyshop.mail;

import java.util.Locale;

/** The mails the shop sends; each has a plain-text and an HTML template per language. */
public enum MailKind {
    VERIFY_EMAIL,
    ALREADY_REGISTERED,
    PASSWORD_RESET,
    ORDER_PLACED,
    ORDER_CANCELLED,
    ORDER_SHIPPED,
    PAYMENT_RECEIVED,
    PAYMENT_FAILED,
    REFUND_ISSUED;

    /** The template files' base name: {@code mail/templates/<name>.<language>.txt|html}. */
    String templateName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
