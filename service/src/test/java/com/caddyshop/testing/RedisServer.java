package com.caddyshop.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

/** A real {@code redis-server} on a free loopback port, optionally a replica of another. */
public final class RedisServer implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final ServerProcess process;

    private RedisServer(Path dir, int port, ServerProcess process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    public static RedisServer start() {
        return start(null);
    }

    public static RedisServer startReplicaOf(RedisServer master) {
        return start(master);
    }

    private static RedisServer start(RedisServer master) {
        Path binary = Binaries.require("redis-server");
        Path dir = TempDirs.create("redis");
        int port = FreePorts.next();
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--dir", dir.toString(), "--save", "", "--appendonly", "no",
                "--daemonize", "no", "--protected-mode", "no", "--logfile", ""));
        if (master != null) {
            command.addAll(List.of("--replicaof", "127.0.0.1", String.valueOf(master.port())));
        }
        RedisServer server = new RedisServer(dir, port, new ServerProcess("redis-server", command, dir.resolve("redis.log")));
        RealServers.track(server);
        server.startProcess();
        return server;
    }

    private void startProcess() {
        process.start();
        Await.until("redis-server on port " + port, Duration.ofSeconds(20), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("redis-server exited during start-up:\n" + process.logTail());
            }
            return ping();
        });
    }

    public boolean ping() {
        try (RedisClient client = RedisClient.create(new HostAndPort("127.0.0.1", port))) {
            return "PONG".equals(client.ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    public RedisClient client() {
        return RedisClient.create(new HostAndPort("127.0.0.1", port));
    }

    public int port() {
        return port;
    }

    public void stop() {
        process.stop();
    }

    /** SIGKILL, as a crashed master. */
    public void kill() {
        process.kill();
    }

    public void restart() {
        startProcess();
    }

    @Override
    public void close() {
        process.stop();
        TempDirs.delete(dir);
    }
}
