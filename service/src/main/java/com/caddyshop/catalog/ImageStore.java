package com.caddyshop.catalog;

import com.caddyshop.platform.errors.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Product images on disk under {@code UPLOAD_PATH}. A file's name is always a fresh UUID plus the
 * extension of the type its bytes show: nothing the client sends (file name, content type) reaches
 * the file system. Bytes go to a temporary file first, counted against the limit as they stream,
 * and only a complete, accepted image is moved to its final name.
 */
public final class ImageStore {
    private static final Logger LOG = LoggerFactory.getLogger(ImageStore.class);
    private static final Pattern STORED_NAME = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.(jpg|png|webp)");

    private final Path directory;
    private final long maxBytes;

    public ImageStore(Path directory, long maxBytes) {
        this.directory = directory.toAbsolutePath().normalize();
        this.maxBytes = maxBytes;
    }

    /** Stores the image and returns its file name; 413 above the limit, 415 if it is no JPEG, PNG or WebP. */
    public String store(InputStream content) {
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = Files.createTempFile(directory, ".upload-", ".part");
            byte[] head = copyBounded(content, temporary);
            ImageType type = ImageType.sniff(head).orElseThrow(() -> new ApiException(415,
                    "Unsupported image type: only JPEG, PNG and WebP are accepted"));
            String name = UUID.randomUUID() + type.extension();
            Files.move(temporary, pathOf(name), StandardCopyOption.ATOMIC_MOVE);
            return name;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store upload in " + directory, e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    /** The file of a stored image, if {@code name} is one of ours and exists; never a path outside the directory. */
    public Optional<Path> find(String name) {
        if (name == null || !STORED_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Path path = pathOf(name);
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    /** Removes a stored image; a name that is not one of ours is ignored. Never throws. */
    public void delete(String name) {
        if (name != null && STORED_NAME.matcher(name).matches()) {
            deleteQuietly(pathOf(name));
        }
    }

    /** Where a stored name lives; refuses anything that is not a name this store generated. */
    Path pathOf(String name) {
        if (!STORED_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a stored image name");
        }
        Path path = directory.resolve(name).normalize();
        if (!directory.equals(path.getParent())) {
            throw new IllegalArgumentException("image path outside the upload directory");
        }
        return path;
    }

    /** Copies everything, failing with 413 as soon as the limit is passed; returns the first bytes. */
    private byte[] copyBounded(InputStream content, Path target) throws IOException {
        byte[] head = new byte[ImageType.SNIFF_BYTES];
        int headLength = 0;
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(target)) {
            int read;
            while ((read = content.read(buffer)) != -1) {
                total += read;
                if (total > maxBytes) {
                    throw tooLarge(maxBytes);
                }
                if (headLength < head.length) {
                    int take = Math.min(read, head.length - headLength);
                    System.arraycopy(buffer, 0, head, headLength, take);
                    headLength += take;
                }
                out.write(buffer, 0, read);
            }
        }
        return Arrays.copyOf(head, headLength);
    }

    static ApiException tooLarge(long maxBytes) {
        return new ApiException(413, "Upload too large: the limit is " + maxBytes + " bytes");
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", path, e.toString());
        }
    }
}
