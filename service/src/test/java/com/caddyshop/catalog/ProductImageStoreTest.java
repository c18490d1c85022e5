package com.caddyshop.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.caddyshop.platform.errors.ApiException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProductImageStoreTest {
    @TempDir
    Path dir;

    private static byte[] png(int size) {
        byte[] data = Arrays.copyOf(CatalogImages.png(), size);
        return data;
    }

    private long files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.count();
        }
    }

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

    @Test
    void storesUnderAFreshNameAndAcceptsExactlyTheLimit() throws IOException {
        ImageStore store = new ImageStore(dir, 1000);
        String name = store.store(new ByteArrayInputStream(png(1000)));
        assertThat(name).matches("[0-9a-f-]{36}\\.png");
        assertThat(Files.size(dir.resolve(name))).isEqualTo(1000);
        assertThat(store.store(new ByteArrayInputStream(png(1000)))).isNotEqualTo(name);
        assertThat(files()).isEqualTo(2);
    }

    @Test
    void oneByteOverTheLimitIs413EvenForANonImage() throws IOException {
        ImageStore store = new ImageStore(dir, 1000);
        assertThatThrownBy(() -> store.store(new ByteArrayInputStream(png(1001))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(413));
        assertThatThrownBy(() -> store.store(new ByteArrayInputStream(new byte[5000])))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(413));
        assertThat(files()).as("temporary files removed").isZero();
    }

    @Test
    void anythingButJpegPngOrWebpIs415() throws IOException {
        ImageStore store = new ImageStore(dir, 1000);
        for (byte[] content : new byte[][] {"hello".getBytes(StandardCharsets.UTF_8), new byte[0], "<svg/>".getBytes(StandardCharsets.UTF_8)}) {
            assertThatThrownBy(() -> store.store(new ByteArrayInputStream(content)))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(415));
        }
        assertThat(files()).isZero();
    }

    @Test
    void onlyItsOwnNamesResolveAndOnlyInsideTheDirectory() throws IOException {
        ImageStore store = new ImageStore(dir, 1000);
        for (String bad : new String[] {"../../etc/passwd.png", "/etc/passwd", "a.png", "..", "x/../../y.jpg",
            "01234567-89ab-cdef-0123-456789abcdef.png/../../z"}) {
            assertThatThrownBy(() -> store.pathOf(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        Path victim = Files.writeString(dir.resolveSibling(dir.getFileName() + "-victim.png"), "keep");
        store.delete("../" + victim.getFileName());
        assertThat(victim).exists();
        Files.delete(victim);
        String name = store.store(new ByteArrayInputStream(png(100)));
        store.delete(name);
        assertThat(files()).isZero();
    }
}
