package io.idem.cli;

import io.idem.core.store.KeyRotation;
import io.idem.core.store.Store;
import io.idem.server.ApiKeys;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "keys", description = "Manage API keys for `idem serve`, and rotate the encryption key of the"
        + " stored data.", subcommands = {KeysCommand.Create.class, KeysCommand.Rotate.class})
final class KeysCommand {

    @Command(name = "rotate", description = "Rotate the key that encrypts stored records and keys the identifier"
            + " index: a new key is added (to IDEM_KEY_FILE, DATA/idem.keys, or the PostgreSQL keyring table),"
            + " everything is re-encrypted and re-indexed under it in one transaction. Stop servers using the store"
            + " first.")
    static final class Rotate implements Callable<Integer> {
        @Option(names = "--retire-old", description = "then remove the older keys (backups made before become"
                + " unreadable with the new key file)")
        boolean retireOld;

        @Mixin
        DataOptions data;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Store store = data.openStoreForWriting()) {
                KeyRotation r = store.rotateKeys(retireOld);
                var out = spec.commandLine().getOut();
                out.println("key rotated: " + String.join(", ", r.before()) + " -> " + r.current());
                out.println("records re-encrypted: " + r.records());
                out.println("keys kept in: " + r.keyLocation());
                out.println(r.retired().isEmpty()
                        ? "older keys kept (needed for backups made before; a rotation with --retire-old removes them)"
                        : "older keys removed: " + String.join(", ", r.retired()));
            }
            return 0;
        }
    }

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
            // beside a running server too: a key is one row of its own table, which the server reads
            try (Store store = data.openStoreBeside()) {
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
