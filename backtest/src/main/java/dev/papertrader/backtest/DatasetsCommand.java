package dev.papertrader.backtest;

import dev.papertrader.core.data.BundledData;
import dev.papertrader.core.data.Dataset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "datasets", mixinStandardHelpOptions = true, description = "Lists the bundled real market data sets.")
public class DatasetsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        for (String name : BundledData.names()) {
            Dataset dataset = BundledData.load(name);
            System.out.printf("%-24s %-8s %-4s %7d bars  %s .. %s  %s%n", name, dataset.symbol(), dataset.timeframe(),
                    dataset.bars().size(), dataset.bars().get(0).openTime(),
                    dataset.bars().get(dataset.bars().size() - 1).openTime(), dataset.description());
        }
        return 0;
    }
}
