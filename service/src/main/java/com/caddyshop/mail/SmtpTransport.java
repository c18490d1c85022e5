package com.caddyshop.mail;

import com.caddyshop.platform.config.SmtpSettings;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.simplejavamail.api.email.Email;
import org.simplejavamail.api.mailer.Mailer;
import org.simplejavamail.api.mailer.config.TransportStrategy;
import org.simplejavamail.converter.EmailConverter;
import org.simplejavamail.email.EmailBuilder;
import org.simplejavamail.mailer.MailerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMTP through Simple Java Mail (Angus Mail underneath), synchronously, bounded by {@code smtp.timeout};
 * several mails on one connection.
 * With {@code starttls} and {@code smtps} the server's certificate must chain to a trusted CA (the JVM's
 * store, or {@code SMTP_CA_FILE}'s) and name the host; {@code starttls} never falls back to plaintext.
 */
public final class SmtpTransport implements MailTransport {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpTransport.class);
    /**
     * The session Simple Java Mail configured. Its Mailer hands it out with a warning (meant for emergency
     * fall-backs), so it is asked once, at start.
     */
    private final Session session;
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
        Mailer mailer = MailerBuilder
                .withSMTPServer(settings.getHost(), settings.getPort(), blankToNull(settings.getUser()),
                        blankToNull(settings.getPassword()))
                .withTransportStrategy(strategy(settings.getTransport()))
                .withSessionTimeout(timeout)
                // Simple Java Mail trusts every certificate unless told otherwise (DEFAULT_TRUST_ALL_HOSTS, which
                // sets mail.<protocol>.ssl.trust=*): the relay's certificate went unchecked, and whoever sat on
                // the path got SMTP_PASS. Now the JVM's trust store, or SMTP_CA_FILE's CAs (SmtpStarttlsAuthIT).
                .trustingAllHosts(false)
                .verifyingServerIdentity(true)
                .buildMailer();
        this.session = mailer.getSession();
        if (settings.hasTrustedCaFile() && !"plain".equals(settings.getTransport())) {
            // Angus Mail takes an SSLSocketFactory instance from mail.<protocol>.ssl.socketFactory, for STARTTLS
            // and SMTPS alike (SocketFetcher). Put on the session itself: the builder's withProperty stores
            // values as strings, and its withCustomSSLFactoryInstance sets only the smtp protocol's name.
            // Simple Java Mail keeps mail.<protocol>.ssl.checkserveridentity true: the name is still checked.
            String protocol = "smtps".equals(settings.getTransport()) ? "smtps" : "smtp";
            session.getProperties().put("mail." + protocol + ".ssl.socketFactory",
                    SmtpTrust.fromPemFile(settings.getTrustedCaFile()));
        }
        this.from = settings.getFrom();
    }

    /**
     * The session Simple Java Mail configured (transport strategy, STARTTLS required, trust, server name
     * check, timeouts, AUTH) with its connect: only the sending of several mails on one connection is
     * done here, which its Mailer does only through its batch module's connection pool.
     */
    @Override
    public Connection open() throws MessagingException {
        Transport transport = session.getTransport();
        transport.connect();
        return new SmtpConnection(transport);
    }

    private final class SmtpConnection implements Connection {
        private final Transport transport;

        SmtpConnection(Transport transport) {
            this.transport = transport;
        }

        @Override
        public void send(String recipient, RenderedMail mail) throws MessagingException {
            Email email = EmailBuilder.startingBlank()
                    .from(from)
                    .to(recipient)
                    .withSubject(mail.subject())
                    .withPlainText(mail.text())
                    .withHTMLText(mail.html())
                    .buildEmail();
            MimeMessage message = EmailConverter.emailToMimeMessage(email, session);
            message.saveChanges();
            transport.sendMessage(message, message.getAllRecipients());
        }

        @Override
        public void close() {
            try {
                transport.close();
            } catch (MessagingException e) {
                // The server may already have dropped the connection; the mails' outcomes are known.
                LOG.debug("closing the SMTP connection: {}", e.toString());
            }
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
