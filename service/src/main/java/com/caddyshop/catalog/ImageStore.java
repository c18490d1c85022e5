package com.caddyshop.catalog;

import com.caddyshop.platform.db.RetryableTransactions;
import com.caddyshop.platform.errors.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Product images in the database, shared by every app node (and backed up with it). A stored
 * name is always a fresh UUID plus the extension of the type its bytes show: nothing the client
 * sends (file name, content type) is kept. Bytes are spooled to a temporary file first, counted
 * against the limit as they stream, so a slow client never holds a transaction open; only a
 * complete, accepted image is written, in one transaction, as chunks.
 */
public final class ImageStore {
    /** Below TiDB's txn-entry-size-limit (6 MiB) with a wide margin. */
    static final int CHUNK_BYTES = 256 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(ImageStore.class);
    private static final Pattern STORED_NAME = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.(jpg|png|webp)");

    private final Jdbi jdbi;
    private final RetryableTransactions transactions;
    private final long maxBytes;

    public ImageStore(Jdbi jdbi, RetryableTransactions transactions, long maxBytes) {
        this.jdbi = jdbi;
        this.transactions = transactions;
        this.maxBytes = maxBytes;
    }

    /** Stores the image and returns its name; 413 above the limit, 415 if it is no JPEG, PNG or WebP. */
    public String store(InputStream content) {
        Path spool = null;
        try {
            spool = Files.createTempFile("caddy-upload-", ".part");
            byte[] head = copyBounded(content, spool);
            ImageType type = ImageType.sniff(head).orElseThrow(() -> new ApiException(415,
                    "Unsupported image type: only JPEG, PNG and WebP are accepted"));
            String name = UUID.randomUUID() + type.extension();
            long size = Files.size(spool);
            Path file = spool;
            transactions.inTransaction(handle -> {
                writeChunks(handle.attach(ImageDao.class), name, type, file, size);
                return null;
            });
            return name;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool an upload", e);
        } finally {
            deleteQuietly(spool);
        }
    }

    private static void writeChunks(ImageDao dao, String name, ImageType type, Path file, long size) throws IOException {
        int chunks = (int) ((size + CHUNK_BYTES - 1) / CHUNK_BYTES);
        dao.insert(name, type.mediaType(), size, chunks);
        try (InputStream in = Files.newInputStream(file)) {
            for (int seq = 0; seq < chunks; seq++) {
                dao.insertChunk(name, seq, in.readNBytes(CHUNK_BYTES));
            }
        }
    }

    /** A stored image, if {@code name} is one of ours and exists. */
    public Optional<StoredImage> find(String name) {
        if (name == null || !STORED_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return jdbi.withExtension(ImageDao.class, dao -> dao.find(name));
    }

    /** Writes the image's bytes, one chunk (one query) at a time, never the whole image in memory. */
    public void copy(StoredImage image, OutputStream out) throws IOException {
        for (int seq = 0; seq < image.chunks(); seq++) {
            int index = seq;
            byte[] data = jdbi.withExtension(ImageDao.class, dao -> dao.chunk(image.name(), index))
                    .orElseThrow(() -> new IllegalStateException("image " + image.name() + " lacks chunk " + index));
            out.write(data);
        }
    }

    /** Removes a stored image; a name that is not one of ours is ignored. Never throws. */
    public void delete(String name) {
        if (name == null || !STORED_NAME.matcher(name).matches()) {
            return;
        }
        try {
            transactions.useTransaction(handle -> {
                ImageDao dao = handle.attach(ImageDao.class);
                dao.deleteChunks(name);
                dao.delete(name);
            });
        } catch (RuntimeException e) {
            LOG.warn("could not delete image {}: {}", name, e.toString());
        }
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
