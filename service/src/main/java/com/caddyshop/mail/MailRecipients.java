package com.caddyshop.mail;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Where an account's mail goes, read in the caller's transaction (accounts answers it). */
public interface MailRecipients {
    Optional<Recipient> of(Handle transaction, long userId);

    record Recipient(String email, MailLanguage language) {
    }
}
