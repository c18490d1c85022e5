package com.caddyshop.catalog;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Bounds an upload's whole request body before the multipart parser sees it, since the parser
 * spools every part to memory or temporary files before the resource runs. A declared length above
 * the bound is refused without reading; a body without one (chunked) is cut off as it passes the bound.
 * The bound is the file limit plus room for the multipart framing; the exact file limit is
 * enforced by {@link ImageStore}.
 */
@UploadLimited
public final class UploadSizeLimit implements ReaderInterceptor {
    /** Boundaries, part headers and small form fields. */
    static final long FRAMING_ALLOWANCE = 64 * 1024;

    private final long maxFileBytes;
    private final long maxBodyBytes;

    public UploadSizeLimit(long maxFileBytes) {
        this.maxFileBytes = maxFileBytes;
        this.maxBodyBytes = maxFileBytes + FRAMING_ALLOWANCE;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        String declared = context.getHeaders().getFirst(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && parseLength(declared) > maxBodyBytes) {
            throw ImageStore.tooLarge(maxFileBytes);
        }
        BoundedInputStream bounded = new BoundedInputStream(context.getInputStream(), maxBodyBytes);
        context.setInputStream(bounded);
        try {
            return context.proceed();
        } catch (IOException | RuntimeException e) {
            // The parser wraps our stream's failure in its own exceptions; what matters is why it stopped.
            if (bounded.exceeded()) {
                throw ImageStore.tooLarge(maxFileBytes);
            }
            throw e;
        }
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Fails once more than {@code limit} bytes have been read. */
    static final class BoundedInputStream extends FilterInputStream {
        private final long limit;
        private long count;
        private boolean exceeded;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        boolean exceeded() {
            return exceeded;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b != -1) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) throws IOException {
            count += n;
            if (count > limit) {
                exceeded = true;
                throw new IOException("request body larger than " + limit + " bytes");
            }
        }
    }
}
