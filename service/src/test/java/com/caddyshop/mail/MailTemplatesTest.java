package com.caddyshop.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MailTemplatesTest {
    private static final MailTemplates TEMPLATES = MailTemplates.fromClasspath();
    private static final Map<String, String> EVERY_VALUE = Map.of("link", "https://shop.test/x?token=a&b", "hours", "48",
            "minutes", "30", "resetLink", "https://shop.test/reset-password", "orderId", "42", "items", "1 x <b>Lamp</b>",
            "total", "9.90", "currency", "CNY", "holdMinutes", "30", "reason", "Because.");

    @Test
    void everyMailRendersInEveryLanguageWithNoPlaceholderLeft() {
        for (MailKind kind : MailKind.values()) {
            for (MailLanguage language : MailLanguage.values()) {
                RenderedMail mail = TEMPLATES.render(new Mail(kind, "a@b.test", language, EVERY_VALUE));
                assertThat(mail.subject()).as(kind + " " + language).isNotBlank().doesNotContain("{{");
                assertThat(mail.text()).as(kind + " " + language).isNotBlank().doesNotContain("{{");
                assertThat(mail.html()).as(kind + " " + language).startsWith("<!DOCTYPE html>").doesNotContain("{{")
                        .contains("lang=\"" + language.code() + "\"");
            }
        }
    }

    @Test
    void valuesAreEscapedInHtmlAndLeftAsTheyAreInText() {
        RenderedMail mail = TEMPLATES.render(new Mail(MailKind.ORDER_PLACED, "a@b.test", MailLanguage.EN, EVERY_VALUE));
        assertThat(mail.text()).contains("1 x <b>Lamp</b>", "https://shop.test/x?token=a&b");
        assertThat(mail.html()).contains("1 x &lt;b&gt;Lamp&lt;/b&gt;", "href=\"https://shop.test/x?token=a&amp;b\"")
                .doesNotContain("<b>Lamp");
    }

    @Test
    void aMissingValueIsRefusedRatherThanMailedWithAHole() {
        assertThatThrownBy(() -> TEMPLATES.render(new Mail(MailKind.PASSWORD_RESET, "a@b.test", MailLanguage.EN,
                Map.of("link", "https://shop.test/r")))).hasMessageContaining("{{minutes}}");
    }

    @Test
    void chineseOnlyWhenTheClientPrefersItToEnglish() {
        assertThat(MailLanguage.fromAcceptLanguage("zh-CN,zh;q=0.9,en;q=0.8")).isEqualTo(MailLanguage.ZH);
        assertThat(MailLanguage.fromAcceptLanguage("en-GB,zh;q=0.5")).isEqualTo(MailLanguage.EN);
        assertThat(MailLanguage.fromAcceptLanguage("fr, zh-TW")).isEqualTo(MailLanguage.ZH);
        assertThat(MailLanguage.fromAcceptLanguage("de")).isEqualTo(MailLanguage.EN);
        assertThat(MailLanguage.fromAcceptLanguage(null)).isEqualTo(MailLanguage.EN);
    }
}
