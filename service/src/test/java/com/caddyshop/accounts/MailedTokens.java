package com.caddyshop.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.caddyshop.testing.MailCatcher.Message;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The token of a link in a received mail, as a front end would take it from its query string. */
public final class MailedTokens {
    private MailedTokens() {
    }

    /** The token of the newest mail with this subject, from its link to {@code path}; the HTML part links the same. */
    public static String from(List<Message> mails, String subject, String path) {
        Message mail = mails.stream().filter(m -> m.subject().equals(subject)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no mail \"" + subject + "\" among " + mails));
        Matcher link = Pattern.compile("https://shop\\.caddy\\.test" + Pattern.quote(path) + "\\?token=([A-Za-z0-9_%-]+)")
                .matcher(mail.text());
        assertThat(link.find()).as("link to " + path + " in " + mail.text()).isTrue();
        assertThat(mail.html()).contains("href=\"" + link.group(0) + "\"");
        return URLDecoder.decode(link.group(1), StandardCharsets.UTF_8);
    }
}
