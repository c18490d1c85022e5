package com.caddyshop.mail;

/** Delivers one mail; throws when the server did not accept it. */
public interface MailTransport {
    void send(String recipient, RenderedMail mail) throws Exception;
}
