package com.caddyshop.mail;

import com.caddyshop.platform.config.SmtpSettings;
import java.util.concurrent.ExecutionException;
import org.simplejavamail.api.email.Email;
import org.simplejavamail.api.mailer.Mailer;
import org.simplejavamail.api.mailer.config.TransportStrategy;
import org.simplejavamail.email.EmailBuilder;
import org.simplejavamail.mailer.MailerBuilder;

/** SMTP through Simple Java Mail (Angus Mail underneath), synchronously, bounded by {@code smtp.timeout}. */
public final class SmtpTransport implements MailTransport {
    private final Mailer mailer;
    private final String from;

    public SmtpTransport(SmtpSettings settings) {
        int timeout = (int) settings.getTimeout().toMilliseconds();
        this.mailer = MailerBuilder
                .withSMTPServer(settings.getHost(), settings.getPort(), blankToNull(settings.getUser()),
                        blankToNull(settings.getPassword()))
                .withTransportStrategy(strategy(settings.getTransport()))
                .withSessionTimeout(timeout)
                // Synchronous (the builder's default): each mail is sent on the outbox sender's own thread.
                .buildMailer();
        this.from = settings.getFrom();
    }

    @Override
    public void send(String recipient, RenderedMail mail) throws Exception {
        Email email = EmailBuilder.startingBlank()
                .from(from)
                .to(recipient)
                .withSubject(mail.subject())
                .withPlainText(mail.text())
                .withHTMLText(mail.html())
                .buildEmail();
        try {
            mailer.sendMail(email).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static TransportStrategy strategy(String name) {
        return switch (name) {
            case "smtps" -> TransportStrategy.SMTPS;
            case "plain" -> TransportStrategy.SMTP;
            default -> TransportStrategy.SMTP_TLS;
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
