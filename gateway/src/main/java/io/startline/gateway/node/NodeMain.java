package io.startline.gateway.node;

import io.startline.gateway.http.GatewayContext;
import io.startline.gateway.http.Role;
import io.startline.gateway.http.Tokens;
import io.startline.gateway.pipeline.PipelineContext;
import io.startline.persistence.PersistenceContext;
import io.startline.persistence.journal.SyncPolicy;
import io.startline.verifier.BallotVerifier;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;

/**
 * The command line: {@code serve} and {@code demo} (a single node), {@code cluster-node} and
 * {@code gateway} (the cluster's two kinds of process), {@code keygen}, {@code token},
 * {@code verify-draw}, {@code verify-archive}. Every option can also come from the environment
 * ({@code STARTLINE_PORT}, {@code STARTLINE_DATA_DIR}, …) or a properties file given by
 * {@code --config}; a flag wins over the environment, which wins over the file.
 */
@Command(name = "startline", mixinStandardHelpOptions = true, version = "startline 0.1.0",
    description = "The Startline node: registration, ballots, venue booking and vouchers.",
    subcommands = {NodeMain.Serve.class, NodeMain.Demo.class, ClusterCommands.ClusterNode.class,
        ClusterCommands.Gateway.class, ClusterCommands.Keygen.class, NodeMain.Token.class, NodeMain.VerifyDraw.class,
        VerifyArchive.class, ClassArchiveTraining.class})
public final class NodeMain
{
    private NodeMain()
    {
    }

    public static void main(final String[] args)
    {
        // Before any Chronicle class loads: the engine never calls home, and prints no banner.
        System.setProperty("chronicle.analytics.disable", "true");
        System.setProperty("chronicle.announcer.disable", "true");
        // One log format (JsonLogConfigurator): Undertow and XNIO log through SLF4J rather than
        // java.util.logging, and whatever still uses java.util.logging is sent to SLF4J too.
        System.setProperty("org.jboss.logging.provider", "slf4j");
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        OutOfMemoryHalt.install();
        System.exit(commandLine(args).execute(args));
    }

    /** The command line as {@code main} runs it: defaults from the environment, errors one line. */
    static CommandLine commandLine(final String[] args)
    {
        final OptionDefaults defaults = new OptionDefaults(args);
        final CommandLine commandLine = new CommandLine(new NodeMain());
        commandLine.setDefaultValueProvider(defaults);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler(NodeMain::oneLineUsage);
        commandLine.setExecutionExceptionHandler(NodeMain::oneLine);
        commandLine.setExecutionStrategy(parsed ->
        {
            final CommandLine.ParseResult command = innermost(parsed);
            if (!command.isUsageHelpRequested() && !command.isVersionHelpRequested())
            {
                defaults.check(command.commandSpec().commandLine());
                FlagOwnedProperties.refuse(command.commandSpec().commandLine());
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        return commandLine;
    }

    private static CommandLine.ParseResult innermost(final CommandLine.ParseResult parsed)
    {
        CommandLine.ParseResult command = parsed;
        while (command.hasSubcommand())
        {
            command = command.subcommand();
        }
        return command;
    }

    /** A mistake on the command line is one line and exit code 2: what is wrong, and where help is. */
    private static int oneLineUsage(final CommandLine.ParameterException ex, final String[] args)
    {
        final CommandLine commandLine = ex.getCommandLine();
        commandLine.getErr().println(commandLine.getCommandName() + ": " + ex.getMessage() + " (" +
            commandLine.getCommandSpec().qualifiedName() + " --help lists the options)");
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    /**
     * A mistake in the configuration or the environment (a bad value, a port in use, a directory
     * another process holds) is one line on standard error and exit code 1, never a stack trace.
     */
    private static int oneLine(final Exception ex, final CommandLine commandLine, final CommandLine.ParseResult parsed)
    {
        Throwable cause = ex;
        while ((cause instanceof UncheckedIOException || cause.getMessage() == null) && cause.getCause() != null)
        {
            cause = cause.getCause();
        }
        commandLine.getErr().println(commandLine.getCommandName() + ": " + (cause instanceof FileSystemException file ?
            fileProblem(file) : cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName()));
        return 1;
    }

    /** A file system's refusal names the file and says what was wrong, where its message is the bare path. */
    private static String fileProblem(final FileSystemException ex)
    {
        final String what = ex.getReason() != null ? ex.getReason() : switch (ex.getClass().getSimpleName())
        {
            case "AccessDeniedException" -> "permission denied";
            case "NoSuchFileException" -> "no such file or directory";
            case "FileAlreadyExistsException" -> "exists already";
            case "NotDirectoryException" -> "not a directory";
            case "ReadOnlyFileSystemException" -> "read-only file system";
            default -> ex.getClass().getSimpleName();
        };
        return "cannot use " + ex.getFile() + ": " + what;
    }

    /** The options a single node takes, shared by serve and demo. */
    static class NodeOptions
    {
        @Option(names = "--config", paramLabel = "FILE", description = "a properties file: port=8080, data-dir=…")
        Path config;

        @Option(names = "--port", description = "HTTP port (default ${DEFAULT-VALUE})", defaultValue = "8080")
        int port;

        @Option(names = "--host", description = "address to bind (default ${DEFAULT-VALUE})", defaultValue = "0.0.0.0")
        String host;

        @Option(names = "--data-dir", description = "journal and snapshots (default ${DEFAULT-VALUE})",
            defaultValue = "startline-data")
        Path dataDir;

        @CommandLine.Mixin
        JwtSecret jwtSecret;

        @CommandLine.Mixin
        EdgeLimits edgeLimits;

        @Option(names = "--sync", description = "journal sync policy: NONE or BATCH (default ${DEFAULT-VALUE})",
            defaultValue = "NONE")
        SyncPolicy sync;

        @Option(names = "--snapshot-interval", description = "commands between snapshots, 0 on demand only " +
            "(default ${DEFAULT-VALUE})", defaultValue = "1000000")
        long snapshotInterval;

        /** Set by serve's and demo's own {@code --limits}: they default differently. */
        LimitsProfile limits;

        /** Unset unless given, so that -D{@value PipelineContext#LATENCY_TARGET_MS_PROP_NAME} still counts. */
        @Option(names = "--latency-target-ms", paramLabel = "MS", description = "refuse (503) what would be answered " +
            "later than this, 0 to queue everything (default " + PipelineContext.LATENCY_TARGET_MS_DEFAULT + ")")
        Long latencyTargetMs;

        StartlineNode start(final String secret)
        {
            final NodeKey key = NodeKey.loadOrCreate(dataDir);
            final PipelineContext pipeline = new PipelineContext().snapshotIntervalCommands(snapshotInterval);
            if (latencyTargetMs != null)
            {
                pipeline.latencyTargetMs(latencyTargetMs);
            }
            return new StartlineNode(
                edgeLimits.applyTo(new GatewayContext().port(port).host(host)),
                pipeline,
                new PersistenceContext().dataDir(dataDir).syncPolicy(sync),
                limits.engineContext().codeKey(key.part(0), key.part(1)),
                secret, key.personKeySecret());
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Runs a single node until stopped.")
    static final class Serve extends NodeOptions implements java.util.concurrent.Callable<Integer>
    {
        @Option(names = "--limits", description = "the engine's limits: DEFAULT or SMALL (default ${DEFAULT-VALUE})",
            defaultValue = "DEFAULT")
        void limits(final LimitsProfile value)
        {
            limits = value;
        }

        @Override
        public Integer call() throws InterruptedException
        {
            final StartlineNode node = start(jwtSecret.required());
            runUntilStopped(node::close);
            return 0;
        }
    }

    @Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs a single node on a local data directory with sample data and prints tokens and example calls.")
    static final class Demo extends NodeOptions implements java.util.concurrent.Callable<Integer>
    {
        /** A demo runs on a laptop beside everything else on it: the small tables (README, "Memory"). */
        @Option(names = "--limits", description = "the engine's limits: DEFAULT or SMALL (default ${DEFAULT-VALUE})",
            defaultValue = "SMALL")
        void limits(final LimitsProfile value)
        {
            limits = value;
        }

        @Override
        public Integer call() throws InterruptedException
        {
            final String given = jwtSecret.given();
            final String secret = given != null ? given : generatedSecret();
            final StartlineNode node = start(secret);
            final DemoData.Created created = DemoData.createIfEmpty(node);
            DemoData.printWelcome(node, created, secret, given == null);
            runUntilStopped(node::close);
            return 0;
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true, description = "Mints a token for local use.")
    static final class Token implements java.util.concurrent.Callable<Integer>
    {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        JwtSecret jwtSecret;

        @Option(names = "--role", required = true, description = "participant, merchant, gate or admin")
        String role;

        @Option(names = "--user", defaultValue = "1", description = "the user id (sub), default ${DEFAULT-VALUE}")
        long userId;

        @Option(names = "--store", defaultValue = "0", description = "a merchant's store id")
        long storeId;

        @Option(names = "--venue", defaultValue = "0", description = "a gate's venue id")
        long venueId;

        @Option(names = "--valid-hours", defaultValue = "24", description = "lifetime, default ${DEFAULT-VALUE} h")
        long validHours;

        @Override
        public Integer call()
        {
            final Role parsed = Role.fromJson(role);
            if (parsed == null)
            {
                throw new CommandLine.ParameterException(spec.commandLine(),
                    "--role must be participant, merchant, gate or admin");
            }
            // The node refuses a merchant's token without its store and a gate's without its venue.
            if (parsed == Role.MERCHANT && storeId <= 0 || parsed == Role.GATE && venueId <= 0)
            {
                throw new CommandLine.ParameterException(spec.commandLine(), "--role " + role + " needs " +
                    (parsed == Role.MERCHANT ? "--store (the merchant's store id)" : "--venue (the gate's venue id)"));
            }
            System.out.println(new Tokens(jwtSecret.required()).mint(parsed, userId, storeId, venueId,
                Instant.now().plus(Duration.ofHours(validHours))));
            return 0;
        }
    }

    @Command(name = "verify-draw", description = "Recomputes a published draw and checks the results export " +
        "(the ballot verifier: verify-draw --help lists its options).")
    static final class VerifyDraw implements java.util.concurrent.Callable<Integer>
    {
        @CommandLine.Unmatched
        java.util.List<String> arguments = new java.util.ArrayList<>();

        @Override
        public Integer call()
        {
            return new CommandLine(new BallotVerifier()).execute(arguments.toArray(new String[0]));
        }
    }

    /** Blocks until SIGTERM or Ctrl-C, then runs {@code stop} once. */
    static void runUntilStopped(final Runnable stop) throws InterruptedException
    {
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            stop.run();
            stopped.countDown();
        }, "startline-shutdown"));
        stopped.await();
    }

    private static String generatedSecret()
    {
        final byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
