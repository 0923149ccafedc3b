package io.idem.cli;

import io.idem.core.Engine;
import io.idem.server.Server;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "serve", description = "Serve the HTTP API (identify, track, alias, batch, profile lookups) on the"
        + " same engine as the command line, until stopped (Ctrl-C or SIGTERM). Create keys with `idem keys create`.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--reserve", paramLabel = "RECORDS", defaultValue = "500000",
            description = "room in the engine's in-memory indexes for this many records beyond those stored,"
                    + " so that calls never wait for a table to grow (about 150 bytes of heap each; default: ${DEFAULT-VALUE})")
    int reserve;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "7070",
            description = "port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface)")
    String host;

    @Option(names = "--region", paramLabel = "CC", defaultValue = "AR",
            description = "default country of phones and documents (default: ${DEFAULT-VALUE})")
    String region;

    @Mixin
    DataOptions data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Engine engine = data.openServingEngine(reserve);
        Server server;
        try {
            server = Server.start(engine, Server.Options.defaults().withRejects(data.data.resolve("rejects")).withHost(host).withPort(port).withRegion(region)
                    .withPlaceholders(data.blocklist()).withSettingsFile(data::matchConfig));
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            engine.close();
            stopped.countDown();
        }, "idem-shutdown"));
        spec.commandLine().getOut().println("idem: serving http://" + host + ":" + server.port() + " ("
                + engine.resolver().recordCount() + " records); API description at /openapi.json");
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
