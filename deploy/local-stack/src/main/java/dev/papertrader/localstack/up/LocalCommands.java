package dev.papertrader.localstack.up;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/**
 * The local-stack jar's commands: {@code up} runs the system, {@code token} mints an API token for it, {@code keys}
 * manages its Alpaca API keys.
 */
@TopCommand
@Command(name = "papertrader", mixinStandardHelpOptions = true, version = "papertrader 0.1.0",
        subcommands = {UpCommand.class, TokenCommand.class, KeysCommand.class})
public class LocalCommands {
}
