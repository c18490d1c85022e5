package com.caddyshop.accounts;

import com.caddyshop.accounts.AccountTokens.Purpose;
import com.caddyshop.mail.Mail;
import com.caddyshop.mail.MailKind;
import com.caddyshop.mail.MailLanguage;
import com.caddyshop.mail.MailOutbox;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The account mails, each queued in the transaction of its event together with the token it carries.
 * Links point at the shop's front end ({@code SHOP_BASE_URL}): {@code /verify-email?token=...},
 * {@code /reset-password?token=...}; the front end posts the token to the API.
 */
final class AccountMails {
    private final MailOutbox outbox;
    private final AccountTokens tokens;
    private final String linkBaseUrl;

    AccountMails(MailOutbox outbox, AccountTokens tokens, String linkBaseUrl) {
        this.outbox = outbox;
        this.tokens = tokens;
        this.linkBaseUrl = linkBaseUrl;
    }

    void verification(Handle tx, long userId, String email, MailLanguage language) {
        String token = tokens.issue(tx, userId, Purpose.VERIFY_EMAIL);
        outbox.queue(tx, new Mail(MailKind.VERIFY_EMAIL, email, language, Map.of(
                "link", link("/verify-email", token),
                "hours", Long.toString(Purpose.VERIFY_EMAIL.validity().toHours()))));
    }

    void alreadyRegistered(Handle tx, String email, MailLanguage language) {
        outbox.queue(tx, new Mail(MailKind.ALREADY_REGISTERED, email, language,
                Map.of("resetLink", linkBaseUrl + "/reset-password")));
    }

    void passwordReset(Handle tx, long userId, String email, MailLanguage language) {
        String token = tokens.issue(tx, userId, Purpose.PASSWORD_RESET);
        outbox.queue(tx, new Mail(MailKind.PASSWORD_RESET, email, language, Map.of(
                "link", link("/reset-password", token),
                "minutes", Long.toString(Purpose.PASSWORD_RESET.validity().toMinutes()))));
    }

    private String link(String path, String token) {
        return linkBaseUrl + path + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }
}
