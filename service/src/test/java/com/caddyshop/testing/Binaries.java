package com.caddyshop.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds the server binaries Debian installs; a missing one is a set-up problem, said plainly. */
public final class Binaries {
    private static final List<String> EXTRA_DIRS = List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/bin", "/usr/local/sbin");

    private Binaries() {
    }

    public static Path require(String name) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(":")));
        }
        dirs.addAll(EXTRA_DIRS);
        for (String dir : dirs) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new MissingBinaryError(name);
    }

    /** Thrown instead of a deep stack trace when a server is not installed. */
    public static final class MissingBinaryError extends AssertionError {
        private static final long serialVersionUID = 1L;

        MissingBinaryError(String name) {
            super("`" + name + "` is not installed: run `make deps` (it installs MariaDB, Redis, Sentinel, nginx, ...)");
            setStackTrace(new StackTraceElement[0]);
        }
    }
}
