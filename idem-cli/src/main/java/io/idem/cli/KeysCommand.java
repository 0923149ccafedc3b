package io.idem.cli;

import io.idem.core.store.Store;
import io.idem.server.ApiKeys;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "keys", description = "Manage API keys for `idem serve`.", subcommands = KeysCommand.Create.class)
final class KeysCommand {

    @Command(name = "create", description = "Create an API key and print it once: only its hash is stored."
            + " A write key may be tied to a source; its calls are recorded as that source.")
    static final class Create implements Callable<Integer> {
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "a label, e.g. web-shop")
        String name;

        @Option(names = "--scope", required = true, paramLabel = "SCOPE", description = "write or read")
        String scope;

        @Option(names = "--source", paramLabel = "SOURCE", description = "the source a write key writes as")
        String source;

        @Mixin
        DataOptions data;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Store store = data.openStore()) {
                String key = ApiKeys.create(store, name, scope, source);
                spec.commandLine().getOut().println(key);
                spec.commandLine().getErr().println("idem: " + scope + " key '" + name + "' created"
                        + (source == null ? "" : " for source '" + source + "'")
                        + ". It is shown only now: keep it; send it as Authorization: Bearer KEY");
            }
            return 0;
        }
    }
}
