package com.caddyshop.mail;

import com.google.common.html.HtmlEscapers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The templates under {@code mail/templates/} on the class path, loaded once at start-up (a missing one
 * stops the service rather than a mail). The plain-text file's first line is {@code Subject: ...}.
 * Placeholders are {@code {{name}}}; in HTML every value is escaped, so a display name cannot add markup.
 * A placeholder without a value is an error: a mail never goes out with a hole in it.
 */
public final class MailTemplates {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z]+)}}");
    private static final String SUBJECT = "Subject: ";

    private final Map<MailKind, Map<MailLanguage, Template>> templates;

    private MailTemplates(Map<MailKind, Map<MailLanguage, Template>> templates) {
        this.templates = templates;
    }

    public static MailTemplates fromClasspath() {
        Map<MailKind, Map<MailLanguage, Template>> all = new EnumMap<>(MailKind.class);
        for (MailKind kind : MailKind.values()) {
            Map<MailLanguage, Template> byLanguage = new EnumMap<>(MailLanguage.class);
            for (MailLanguage language : MailLanguage.values()) {
                String base = "mail/templates/" + kind.templateName() + "." + language.code();
                String text = read(base + ".txt");
                if (!text.startsWith(SUBJECT)) {
                    throw new IllegalStateException(base + ".txt must start with \"" + SUBJECT + "\"");
                }
                int end = text.indexOf('\n');
                byLanguage.put(language, new Template(text.substring(SUBJECT.length(), end).strip(),
                        text.substring(end + 1), read(base + ".html")));
            }
            all.put(kind, byLanguage);
        }
        return new MailTemplates(all);
    }

    public RenderedMail render(Mail mail) {
        Template template = templates.get(mail.kind()).get(mail.language());
        return new RenderedMail(fill(template.subject(), mail.values(), false), fill(template.text(), mail.values(), false),
                fill(template.html(), mail.values(), true));
    }

    private static String fill(String template, Map<String, String> values, boolean html) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for {{" + matcher.group(1) + "}}");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(html ? HtmlEscapers.htmlEscaper().escape(value) : value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String read(String resource) {
        try (InputStream in = MailTemplates.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("mail template missing: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Template(String subject, String text, String html) {
    }
}
