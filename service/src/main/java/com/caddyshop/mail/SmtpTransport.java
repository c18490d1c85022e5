package com.caddyshop.mail;

import com.caddyshop.platform.config.SmtpSettings;
import java.util.concurrent.ExecutionException;
import org.simplejavamail.api.email.Email;
import org.simplejavamail.api.mailer.Mailer;
import org.simplejavamail.api.mailer.config.TransportStrategy;
import org.simplejavamail.email.EmailBuilder;
import org.simplejavamail.mailer.MailerBuilder;

/**
 * SMTP through Simple Java Mail (Angus Mail underneath), synchronously, bounded by {@code smtp.timeout}.
 * With {@code starttls} and {@code smtps} the server's certificate must chain to a trusted CA (the JVM's
 * store, or {@code SMTP_CA_FILE}'s) and name the host; {@code starttls} never falls back to plaintext.
 */
public final class SmtpTransport implements MailTransport {
    private final Mailer mailer;
    private final String from;

    /**
     * Jakarta Mail 2.1 looks its StreamProvider up through the ServiceLoader for every multipart and body
     * part it builds or writes (jakartaee/mail-api#699, #861, open): a scan of this fat jar's service files
     * that a bench profile showed as a quarter of the outbox sender's CPU, several times per mail.
     * FactoryFinder reads the system property first, which names Angus Mail's provider without a scan.
     * Set unless the operator set it.
     */
    static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

    static void nameTheStreamProvider() {
        String property = "jakarta.mail.util.StreamProvider";
        if (System.getProperty(property) == null) {
            System.setProperty(property, ANGUS_STREAM_PROVIDER);
        }
    }

    public SmtpTransport(SmtpSettings settings) {
        nameTheStreamProvider();
        int timeout = (int) settings.getTimeout().toMilliseconds();
        this.mailer = MailerBuilder
                .withSMTPServer(settings.getHost(), settings.getPort(), blankToNull(settings.getUser()),
                        blankToNull(settings.getPassword()))
                .withTransportStrategy(strategy(settings.getTransport()))
                .withSessionTimeout(timeout)
                // Simple Java Mail trusts every certificate unless told otherwise (DEFAULT_TRUST_ALL_HOSTS, which
                // sets mail.<protocol>.ssl.trust=*): the relay's certificate went unchecked, and whoever sat on
                // the path got SMTP_PASS. Now the JVM's trust store, or SMTP_CA_FILE's CAs (SmtpStarttlsAuthIT).
                .trustingAllHosts(false)
                .verifyingServerIdentity(true)
                // Synchronous (the builder's default): each mail is sent on the outbox sender's own thread.
                .buildMailer();
        if (settings.hasTrustedCaFile() && !"plain".equals(settings.getTransport())) {
            // Angus Mail takes an SSLSocketFactory instance from mail.<protocol>.ssl.socketFactory, for STARTTLS
            // and SMTPS alike (SocketFetcher). Put on the session itself: the builder's withProperty stores
            // values as strings, and its withCustomSSLFactoryInstance sets only the smtp protocol's name.
            // Simple Java Mail keeps mail.<protocol>.ssl.checkserveridentity true: the name is still checked.
            String protocol = "smtps".equals(settings.getTransport()) ? "smtps" : "smtp";
            mailer.getSession().getProperties().put("mail." + protocol + ".ssl.socketFactory",
                    SmtpTrust.fromPemFile(settings.getTrustedCaFile()));
        }
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
