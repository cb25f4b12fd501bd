package dev.papertrader.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.core.json.JsonCodec;
import org.junit.jupiter.api.Test;

class BackfillCommandTests {

    @Test
    void theReportIsATableWithOneRowPerStrategy() throws Exception {
        var report = JsonCodec.mapper().readTree("""
                {"symbol":"BTCUSDT","timeframe":"1h","from":"2024-01-01T00:00:00Z","to":"2024-02-01T00:00:00Z",
                 "source":"binance","bars":744,"strategies":[
                  {"strategy":"macd-crossover","signals":12,"buys":6,"sells":6,"horizons":[
                    {"bars":1,"evaluated":12,"hits":7,"hitRate":0.5833333333,"meanReturn":0.00123},
                    {"bars":5,"evaluated":12,"hits":6,"hitRate":0.5,"meanReturn":-0.0021},
                    {"bars":20,"evaluated":0,"hits":0,"hitRate":0,"meanReturn":0}]}]}""");
        String table = BackfillCommand.table(report);
        assertThat(table).startsWith("BTCUSDT 1h, 2024-01-01T00:00:00Z to 2024-02-01T00:00:00Z, 744 bars (binance)");
        assertThat(table.lines().toList().get(1)).contains("hit@1").contains("mean@5").contains("hit@20");
        // 58.3 % hits and +0.123 % mean at 1 bar, 50.0 % and -0.210 % at 5, nothing evaluated at 20
        assertThat(table.lines().toList().get(2)).isEqualTo(
                "macd-crossover        12     6     6     58.3%    +0.123%     50.0%    -0.210%         -          -");
    }
}
