package com.caddyshop.testing;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A real SMTP server on a free loopback port: Debian's python3-aiosmtpd running
 * {@code scripts/mail-catcher.py}, the same catcher {@code make run} starts, one file per message.
 * It can be stopped and started again on the same port (SMTP down, then back).
 */
public final class MailCatcher implements AutoCloseable {
    private static final Path SCRIPT = Path.of("..", "scripts", "mail-catcher.py");
    private static final Path SYSTEM_PYTHON = Path.of("/usr/bin/python3");

    private final Path dir;
    private final int port;
    private final ServerProcess process;

    private MailCatcher(Path dir, int port, ServerProcess process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    public static MailCatcher start() {
        return start(TempDirs.create("smtp"), List.of());
    }

    /** A server that closes each connection after its {@code mails}th message, as relays that limit a session's messages do. */
    public static MailCatcher startClosingSessionsAfter(int mails) {
        return start(TempDirs.create("smtp"), List.of("--max-mails-per-session", Integer.toString(mails)));
    }

    /**
     * A server as strict as a production relay: STARTTLS required (with this certificate and key, PEM)
     * before anything else, then AUTH (PLAIN or LOGIN) with exactly this user and password.
     */
    public static MailCatcher startRequiringTlsAndAuth(Path certificate, Path key, String user, String password) {
        Path dir = TempDirs.create("smtp");
        Path credentials = dir.resolve("credentials");
        try {
            Files.writeString(credentials, user + ":" + password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return start(dir, List.of("--tls-cert", certificate.toString(), "--tls-key", key.toString(),
                "--credentials", credentials.toString()));
    }

    private static MailCatcher start(Path dir, List<String> options) {
        // Debian's interpreter, where python3-aiosmtpd is installed (a python3 earlier on PATH may lack it).
        Path python = Files.isExecutable(SYSTEM_PYTHON) ? SYSTEM_PYTHON : Binaries.require("python3");
        int port = FreePorts.next();
        List<String> command = new ArrayList<>(List.of(python.toString(), SCRIPT.toAbsolutePath().normalize().toString(),
                "--listen", "127.0.0.1:" + port, "--dir", dir.resolve("messages").toString()));
        command.addAll(options);
        MailCatcher catcher = new MailCatcher(dir, port, new ServerProcess("mail-catcher", command, dir.resolve("catcher.log")));
        RealServers.track(catcher);
        catcher.startProcess();
        return catcher;
    }

    private void startProcess() {
        process.start();
        Await.until("mail catcher on port " + port, Duration.ofSeconds(20), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("mail-catcher exited during start-up (is python3-aiosmtpd installed? "
                        + "`make deps`):\n" + process.logTail());
            }
            return accepts();
        });
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    /** SMTP down: the port refuses connections until {@link #restart()}. */
    public void stop() {
        process.stop();
    }

    public void restart() {
        startProcess();
    }

    /** Every message received so far, oldest first. */
    public List<Message> messages() {
        Path messages = dir.resolve("messages");
        if (!Files.isDirectory(messages)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(messages)) {
            List<Message> all = new ArrayList<>();
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".eml")).sorted().toList()) {
                all.add(Message.read(file));
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The messages to one address. */
    public List<Message> messagesTo(String recipient) {
        return messages().stream().filter(m -> m.to().equalsIgnoreCase(recipient)).toList();
    }

    /** The messages to one address with exactly this subject, oldest first. */
    public List<Message> messagesTo(String recipient, String subject) {
        return messagesTo(recipient).stream().filter(m -> m.subject().equals(subject)).toList();
    }

    /**
     * Waits (bounded) until a message with this subject has arrived at the address, and returns the first; for
     * mails whose order of arrival is not fixed (two queued by one request may go out in one batch, either first).
     */
    public Message awaitMessageTo(String recipient, String subject, Duration bound) {
        Await.until("a mail \"" + subject + "\" to " + recipient, bound, () -> !messagesTo(recipient, subject).isEmpty());
        return messagesTo(recipient, subject).get(0);
    }

    /** Waits (bounded) until {@code count} messages to the address have arrived, and returns them. */
    public List<Message> awaitMessagesTo(String recipient, int count, Duration bound) {
        Await.until(count + " mail(s) to " + recipient, bound, () -> messagesTo(recipient).size() >= count);
        return messagesTo(recipient);
    }

    @Override
    public void close() {
        process.stop();
        TempDirs.delete(dir);
    }

    /**
     * One received message, parsed by Jakarta Mail: headers, the plain-text part and the HTML part; {@code tls}
     * the cipher of the session that delivered it ("none" without STARTTLS), {@code login} the user that
     * authenticated ("none" without AUTH), {@code session} the number of the connection it came on (from 1).
     */
    public record Message(String file, String from, String to, String subject, String text, String html, String tls,
                          String login, String session) {
        static Message read(Path file) {
            try (InputStream in = Files.newInputStream(file)) {
                MimeMessage mime = new MimeMessage(Session.getInstance(new Properties()), in);
                String[] text = new String[2];
                collect(mime, text);
                return new Message(file.getFileName().toString(),
                        ((InternetAddress) mime.getFrom()[0]).getAddress(),
                        ((InternetAddress) mime.getAllRecipients()[0]).getAddress(),
                        mime.getSubject(), text[0], text[1], mime.getHeader("X-Catcher-TLS", null),
                        mime.getHeader("X-Catcher-Login", null), mime.getHeader("X-Catcher-Session", null));
            } catch (IOException | MessagingException e) {
                throw new AssertionError("unreadable message " + file + ": " + e, e);
            }
        }

        private static void collect(Part part, String[] text) throws MessagingException, IOException {
            if (part.isMimeType("text/plain") && text[0] == null) {
                text[0] = (String) part.getContent();
            } else if (part.isMimeType("text/html") && text[1] == null) {
                text[1] = (String) part.getContent();
            } else if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart body = multipart.getBodyPart(i);
                    collect(body, text);
                }
            }
        }
    }
}
