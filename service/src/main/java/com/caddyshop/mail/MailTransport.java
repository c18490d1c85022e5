package com.caddyshop.mail;

/**
 * Opens connections to the mail server. One connection carries a batch of mails: a relay that wants
 * STARTTLS and AUTH then costs one handshake and one login per batch, not per mail.
 */
public interface MailTransport {
    /** Connects (and logs in, and starts TLS, as configured); throws when the server cannot be reached or refuses. */
    Connection open() throws Exception;

    /** One open connection; used by one thread, closed after its batch. */
    interface Connection extends AutoCloseable {
        /**
         * Delivers one mail; throws when the server did not accept it. After a throw the connection may
         * be broken: close it and open another for the next mail.
         */
        void send(String recipient, RenderedMail mail) throws Exception;

        /** Ends the session (QUIT); never throws. */
        @Override
        void close();
    }
}
