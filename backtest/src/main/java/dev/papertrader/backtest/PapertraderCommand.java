package dev.papertrader.backtest;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

@TopCommand
@Command(name = "papertrader", mixinStandardHelpOptions = true, version = "papertrader 0.1.0",
        description = "Backtest and indicator tools over the papertrader trading core.",
        subcommands = {BacktestCommand.class, IndicatorsCommand.class, DatasetsCommand.class, BackfillCommand.class})
public class PapertraderCommand {
}
