package io.startline.gateway.node;

import io.startline.cluster.client.ClusterClientContext;
import io.startline.cluster.member.ClusterMember;
import io.startline.cluster.member.ClusterMemberContext;
import io.startline.cluster.member.MemberList;
import io.startline.gateway.cluster.StartlineGateway;
import io.startline.gateway.http.GatewayContext;
import io.startline.gateway.http.HttpApi;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The cluster's command line: {@code cluster-node} runs one member (media driver, archive,
 * consensus module and the engine as the clustered service, with {@code /health} and
 * {@code /metrics} on the member's base port); {@code gateway} runs a stateless HTTP gateway that
 * speaks to the cluster; {@code keygen} makes the node key and the cluster secret they share.
 */
final class ClusterCommands
{
    static final String CLUSTER_SECRET_ENV = "STARTLINE_CLUSTER_SECRET";

    private ClusterCommands()
    {
    }

    /** Options every cluster process takes. */
    static class ClusterOptions
    {
        @Option(names = "--config", paramLabel = "FILE", description = "a properties file: members=…, data-dir=…")
        Path config;

        @Option(names = "--members", paramLabel = "LIST", required = true,
            description = "every member as id=host:port, the same list everywhere, e.g. " +
                "0=10.0.0.1:9000,1=10.0.0.2:9000,2=10.0.0.3:9000; a member uses its port and the five after it")
        String members;

        @Option(names = "--node-key-file", paramLabel = "FILE", required = true,
            description = "the node key (startline keygen), the same file on every member and gateway")
        Path nodeKeyFile;

        @Option(names = "--cluster-secret-file", paramLabel = "FILE",
            description = "the secret gateways present to the cluster (startline keygen); or env " + CLUSTER_SECRET_ENV)
        Path clusterSecretFile;

        @Option(names = "--aeron-dir", paramLabel = "DIR", description = "the media driver's directory " +
            "(default: one of the process's own, in /dev/shm where there is one)")
        Path aeronDir;

        @Option(names = "--term-length-mib", description = "of the log, ingress and egress channels, a power of two; " +
            "the largest message is an eighth (default ${DEFAULT-VALUE})", defaultValue = "4")
        int termLengthMib;

        byte[] clusterSecret()
        {
            if (clusterSecretFile != null)
            {
                try
                {
                    return Files.readString(clusterSecretFile, StandardCharsets.UTF_8).trim().getBytes(StandardCharsets.UTF_8);
                }
                catch (final IOException ex)
                {
                    throw new IllegalArgumentException("cannot read --cluster-secret-file " + clusterSecretFile + ": " +
                        ex.getMessage());
                }
            }
            final String fromEnvironment = System.getenv(CLUSTER_SECRET_ENV);
            if (fromEnvironment == null || fromEnvironment.isBlank())
            {
                throw new IllegalArgumentException("a cluster secret is required: --cluster-secret-file or " +
                    CLUSTER_SECRET_ENV + " (startline keygen --cluster-secret FILE makes one)");
            }
            return fromEnvironment.trim().getBytes(StandardCharsets.UTF_8);
        }

        int termLength()
        {
            if (termLengthMib < 1 || termLengthMib > 1024 || Integer.bitCount(termLengthMib) != 1)
            {
                throw new IllegalArgumentException("--term-length-mib must be a power of two in [1, 1024]: " +
                    termLengthMib);
            }
            return termLengthMib << 20;
        }
    }

    @Command(name = "cluster-node", mixinStandardHelpOptions = true,
        description = "Runs one member of a cluster until stopped; /health and /metrics on its base port.")
    static final class ClusterNode extends ClusterOptions implements Callable<Integer>
    {
        @Option(names = "--member-id", required = true, description = "this member's id in --members")
        int memberId;

        @Option(names = "--data-dir", description = "the member's log, snapshots and state (default ${DEFAULT-VALUE})",
            defaultValue = "startline-member")
        Path dataDir;

        @Option(names = "--limits", description = "the engine's limits: DEFAULT or SMALL (default ${DEFAULT-VALUE})",
            defaultValue = "DEFAULT")
        LimitsProfile limits;

        @Option(names = "--snapshot-interval", description = "commands between snapshots the leader asks for, 0 on " +
            "demand only (default ${DEFAULT-VALUE})", defaultValue = "1000000")
        long snapshotInterval;

        @Option(names = "--snapshots-retained", description = "snapshots kept, with the log from the oldest on " +
            "(default ${DEFAULT-VALUE})", defaultValue = "3")
        int snapshotsRetained;

        @Option(names = "--tick-interval-ms", description = "idle time after which the engine's clock is advanced " +
            "(default ${DEFAULT-VALUE})", defaultValue = "100")
        long tickIntervalMs;

        @Option(names = "--leader-heartbeat-timeout-ms", description = "silence after which a leader is given up " +
            "and another elected (default ${DEFAULT-VALUE})", defaultValue = "3000")
        long leaderHeartbeatTimeoutMs;

        @Option(names = "--session-timeout-ms", description = "silence after which a gateway's session is closed " +
            "(default ${DEFAULT-VALUE})", defaultValue = "10000")
        long sessionTimeoutMs;

        @Option(names = "--file-sync-level", description = "0: the log is acknowledged once a majority holds it in " +
            "memory; 1: once forced to disk (data); 2: data and metadata (default ${DEFAULT-VALUE})",
            defaultValue = "0")
        int fileSyncLevel;

        @Override
        public Integer call() throws InterruptedException
        {
            final NodeKey key = NodeKey.load(nodeKeyFile);
            final ClusterMemberContext context = new ClusterMemberContext()
                .memberId(memberId)
                .members(MemberList.parse(members))
                .dataDir(dataDir)
                .aeronDir(aeronDir)
                .engineContext(limits.engineContext().codeKey(key.part(0), key.part(1)))
                .clusterSecret(clusterSecret())
                .tickIntervalMs(tickIntervalMs)
                .snapshotIntervalCommands(snapshotInterval)
                .snapshotsRetained(snapshotsRetained)
                .leaderHeartbeatTimeoutMs(leaderHeartbeatTimeoutMs)
                .sessionTimeoutMs(sessionTimeoutMs)
                .termLength(termLength())
                .fileSyncLevel(fileSyncLevel)
                .validate();
            MemberPreflight.checkPeersAgree(context.members(), memberId);

            final ClusterMember member = ClusterMember.launch(context);
            final HttpApi status;
            try
            {
                status = new HttpApi(new GatewayContext().host(context.self().host()).port(context.self().basePort()),
                    null, new MemberStatus(member), null).start();
            }
            catch (final RuntimeException ex)
            {
                member.close();
                throw ex;
            }
            System.out.printf("Startline cluster member %d of %d: status at http://%s:%d/health, data in %s%n",
                memberId, context.members().size(), context.self().host(), context.self().basePort(), dataDir);
            final AtomicBoolean stopping = new AtomicBoolean();
            final Thread watcher = new Thread(() -> exitWhenTerminated(member, stopping), "startline-member-watch");
            watcher.setDaemon(true);
            watcher.start();
            NodeMain.runUntilStopped(() ->
            {
                stopping.set(true);
                status.close();
                member.close();
            });
            return 0;
        }

        /** A member the cluster stopped (a fatal error, an operator's shutdown) exits non-zero for its supervisor. */
        private void exitWhenTerminated(final ClusterMember member, final AtomicBoolean stopping)
        {
            try
            {
                final String reason = member.awaitTermination();
                if (!stopping.get())
                {
                    System.err.println("cluster-node: member " + memberId + " stopped: " + reason);
                    System.exit(1);
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Runs a stateless HTTP gateway in front of a cluster until stopped.")
    static final class Gateway extends ClusterOptions implements Callable<Integer>
    {
        @Option(names = "--port", description = "HTTP port (default ${DEFAULT-VALUE})", defaultValue = "8080")
        int port;

        @Option(names = "--host", description = "address to bind (default ${DEFAULT-VALUE})", defaultValue = "0.0.0.0")
        String host;

        @CommandLine.Mixin
        JwtSecret jwtSecret;

        @CommandLine.Mixin
        EdgeLimits edgeLimits;

        @Option(names = "--egress", paramLabel = "HOST:PORT", description = "where members send this gateway's " +
            "answers: an address of this machine they reach, port 0 for any (default ${DEFAULT-VALUE})",
            defaultValue = ClusterClientContext.EGRESS_ENDPOINT_DEFAULT)
        String egress;

        @Option(names = "--request-timeout-ms", description = "how long a request waits for the cluster's answer, " +
            "across leader changes, before 503 (default ${DEFAULT-VALUE})", defaultValue = "5000")
        long requestTimeoutMs;

        @Override
        public Integer call() throws InterruptedException
        {
            final String secret = jwtSecret.required();
            final NodeKey key = NodeKey.load(nodeKeyFile);
            final ClusterClientContext cluster = new ClusterClientContext()
                .members(MemberList.parse(members))
                .egressEndpoint(egress)
                .clusterSecret(clusterSecret())
                .aeronDir(aeronDir)
                .requestTimeoutMs(requestTimeoutMs)
                .termLength(termLength())
                .validate();
            final StartlineGateway gateway = new StartlineGateway(edgeLimits.applyTo(new GatewayContext().host(host).port(port)), cluster,
                secret, key.personKeySecret());
            System.out.printf("Startline gateway on http://%s:%d in front of the cluster %s%n", host, gateway.port(),
                cluster.members());
            NodeMain.runUntilStopped(gateway::close);
            return 0;
        }
    }

    @Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Makes the keys a cluster shares: copy them to every member and gateway, owner-only.")
    static final class Keygen implements Callable<Integer>
    {
        @Option(names = "--node-key", paramLabel = "FILE", description = "write a new node key (voucher and check-in " +
            "codes, person keys) to FILE")
        Path nodeKey;

        @Option(names = "--cluster-secret", paramLabel = "FILE", description = "write a new cluster secret (what " +
            "gateways present to members) to FILE")
        Path clusterSecret;

        @Override
        public Integer call()
        {
            if (nodeKey == null && clusterSecret == null)
            {
                throw new CommandLine.ParameterException(new CommandLine(this),
                    "name what to make: --node-key FILE, --cluster-secret FILE, or both");
            }
            if (nodeKey != null)
            {
                NodeKey.create(nodeKey);
                System.out.println("node key written to " + nodeKey);
            }
            if (clusterSecret != null)
            {
                final byte[] bytes = new byte[32];
                new SecureRandom().nextBytes(bytes);
                NodeKey.writeOwnerOnly(clusterSecret, (Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) +
                    "\n").getBytes(StandardCharsets.US_ASCII));
                System.out.println("cluster secret written to " + clusterSecret);
            }
            return 0;
        }
    }
}
