package com.caddyshop.mail;

import java.util.Locale;

/** The languages the templates exist in; anything else is English. */
public enum MailLanguage {
    EN,
    ZH;

    /**
     * From an {@code Accept-Language} header: Chinese if the client prefers it over English
     * (the first of the two it names, weights aside), else English.
     */
    public static MailLanguage fromAcceptLanguage(String header) {
        if (header == null) {
            return EN;
        }
        for (String part : header.split(",")) {
            String tag = part.split(";")[0].trim().toLowerCase(Locale.ROOT);
            if (tag.equals("zh") || tag.startsWith("zh-")) {
                return ZH;
            }
            if (tag.equals("en") || tag.startsWith("en-")) {
                return EN;
            }
        }
        return EN;
    }

    /** As stored in {@code users.language}; unknown codes read as English. */
    public static MailLanguage fromCode(String code) {
        return "zh".equalsIgnoreCase(code) ? ZH : EN;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
