package com.caddyshop.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/** A master, two replicas and three sentinels (quorum 2) on loopback: the production Redis shape. */
public final class SentinelCluster implements AutoCloseable {
    public static final String MASTER_NAME = "caddy-master";

    private final List<RedisServer> nodes;
    private final List<ServerProcess> sentinels;
    private final List<Integer> sentinelPorts;
    private final Path dir;

    private SentinelCluster(List<RedisServer> nodes, List<ServerProcess> sentinels, List<Integer> sentinelPorts, Path dir) {
        this.nodes = nodes;
        this.sentinels = sentinels;
        this.sentinelPorts = sentinelPorts;
        this.dir = dir;
    }

    public static SentinelCluster start() {
        Path binary = Binaries.require("redis-sentinel");
        RedisServer master = RedisServer.start();
        List<RedisServer> nodes = new ArrayList<>(List.of(master, RedisServer.startReplicaOf(master),
                RedisServer.startReplicaOf(master)));
        Path dir = TempDirs.create("sentinel");
        List<ServerProcess> sentinels = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        SentinelCluster cluster = new SentinelCluster(nodes, sentinels, ports, dir);
        RealServers.track(cluster);
        for (int i = 0; i < 3; i++) {
            int port = FreePorts.next();
            Path conf = dir.resolve("sentinel-" + port + ".conf");
            write(conf, String.join("\n",
                    "port " + port,
                    "bind 127.0.0.1",
                    "daemonize no",
                    "dir " + dir,
                    "sentinel resolve-hostnames no",
                    "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + master.port() + " 2",
                    "sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
                    "sentinel failover-timeout " + MASTER_NAME + " 5000",
                    "sentinel parallel-syncs " + MASTER_NAME + " 1",
                    ""));
            ServerProcess sentinel = new ServerProcess("redis-sentinel", List.of(binary.toString(), conf.toString()),
                    dir.resolve("sentinel-" + port + ".log"));
            sentinels.add(sentinel);
            ports.add(port);
            sentinel.start();
        }
        cluster.awaitConverged();
        return cluster;
    }

    /** Every sentinel sees both replicas and the two other sentinels, so a failover can be agreed. */
    private void awaitConverged() {
        Await.until("sentinels to discover replicas and each other", Duration.ofSeconds(30), () ->
                sentinelPorts.stream().allMatch(port -> {
                    try (Jedis sentinel = new Jedis("127.0.0.1", port, 500)) {
                        return sentinel.sentinelReplicas(MASTER_NAME).size() == 2
                                && sentinel.sentinelSentinels(MASTER_NAME).size() == 2;
                    }
                }));
    }

    /** The master as the first answering sentinel reports it. */
    public HostAndPort currentMaster() {
        for (int port : sentinelPorts) {
            try (Jedis sentinel = new Jedis("127.0.0.1", port, 500)) {
                List<String> address = sentinel.sentinelGetMasterAddrByName(MASTER_NAME);
                return new HostAndPort(address.get(0), Integer.parseInt(address.get(1)));
            } catch (RuntimeException tryNext) {
                // this sentinel is not answering; ask the next
            }
        }
        throw new IllegalStateException("no sentinel answered");
    }

    public RedisServer node(HostAndPort address) {
        return nodes.stream().filter(n -> n.port() == address.getPort()).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown node " + address));
    }

    public List<RedisServer> replicasOf(HostAndPort master) {
        return nodes.stream().filter(n -> n.port() != master.getPort()).toList();
    }

    /** {@code REDIS_SENTINELS} for the service: "127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3". */
    public String sentinelAddresses() {
        return sentinelPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    @Override
    public void close() {
        sentinels.forEach(ServerProcess::stop);
        nodes.forEach(RedisServer::close);
        TempDirs.delete(dir);
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
