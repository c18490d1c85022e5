package com.caddyshop.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MailTemplatesTest {
    private static final MailTemplates TEMPLATES = MailTemplates.fromClasspath();
    private static final Map<String, String> EVERY_VALUE = Map.ofEntries(Map.entry("link", "https://shop.test/x?token=a&b"),
            Map.entry("hours", "48"), Map.entry("minutes", "30"), Map.entry("resetLink", "https://shop.test/reset-password"),
            Map.entry("orderId", "42"), Map.entry("items", "1 x <b>Lamp</b>"), Map.entry("total", "9.90"),
            Map.entry("currency", "CNY"), Map.entry("holdMinutes", "30"), Map.entry("reason", "Because."),
            Map.entry("shipTo", "Li Lei\n1 <Road>\n100000 Beijing\nCN"), Map.entry("carrier", "DHL"),
            Map.entry("trackingNumber", "JD0123456789"), Map.entry("holdEnds", "2026-12-06 02:15 UTC"),
            Map.entry("amount", "2.50"), Map.entry("refunded", "4.00"), Map.entry("remaining", "5.90"));

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
        assertThat(mail.text()).contains("Ships to:\nLi Lei\n1 <Road>");
        assertThat(mail.html()).contains("1 x &lt;b&gt;Lamp&lt;/b&gt;", "href=\"https://shop.test/x?token=a&amp;b\"", "1 &lt;Road&gt;")
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
