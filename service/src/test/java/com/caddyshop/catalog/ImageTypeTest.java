package com.caddyshop.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImageTypeTest {
    @Test
    void sniffsTheTypeFromTheBytes() {
        assertThat(ImageType.sniff(CatalogImages.png())).contains(ImageType.PNG);
        assertThat(ImageType.sniff(CatalogImages.jpeg())).contains(ImageType.JPEG);
        assertThat(ImageType.sniff(CatalogImages.webp())).contains(ImageType.WEBP);
        assertThat(ImageType.sniff("RIFF0000WAVE".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(ImageType.sniff("GIF89a".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(ImageType.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8})).isEmpty();
        assertThat(ImageType.sniff(new byte[0])).isEmpty();
    }
}
