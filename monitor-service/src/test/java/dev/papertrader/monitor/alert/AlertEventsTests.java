package dev.papertrader.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.Decision;
import dev.papertrader.core.model.Fill;
import dev.papertrader.core.model.OrderStatus;
import dev.papertrader.core.model.OrderStatusEvent;
import dev.papertrader.core.model.PortfolioSnapshot;
import dev.papertrader.core.model.Side;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.model.SignalType;
import dev.papertrader.core.model.SliceEnd;
import dev.papertrader.core.router.RouterRules;
import dev.papertrader.service.messaging.MessageType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which alert events each message gives, with which time, symbol and account. */
class AlertEventsTests {

    static final Instant T = Instant.parse("2013-03-05T00:00:00Z");

    static Decision decision(boolean accepted, String rule) {
        return new Decision("d1", "s1", "default", "macd-crossover", "AAPL", SignalType.BUY, accepted, rule, "why",
                accepted ? "o1" : null, null, null, T);
    }

    @Test
    void aFillIsAboutItsSymbolAndAccountAtItsFillTimeWithTheExactFillAsPayload() {
        Fill fill = new Fill("f1", "o1", "default", "AAPL", Side.BUY, new BigDecimal("23.175"),
                new BigDecimal("431.2500"), BigDecimal.ZERO, T);
        AlertEvent event = AlertEvents.of(MessageType.FILL, fill).get(0);
        assertThat(event.type()).isEqualTo(AlertType.FILL);
        assertThat(event.time()).isEqualTo(T);
        assertThat(event.symbol()).isEqualTo("AAPL");
        assertThat(event.account()).isEqualTo("default");
        assertThat(JsonCodec.encode(event)).isEqualTo("{\"type\":\"fill\",\"time\":\"2013-03-05T00:00:00Z\","
                + "\"symbol\":\"AAPL\",\"account\":\"default\",\"payload\":{\"id\":\"f1\",\"orderId\":\"o1\","
                + "\"accountId\":\"default\",\"symbol\":\"AAPL\",\"side\":\"BUY\",\"qty\":23.175,\"price\":431.2500,"
                + "\"fee\":0,\"filledAt\":\"2013-03-05T00:00:00Z\"}}");
    }

    @Test
    void aRejectionByARiskRuleIsAlsoARiskBreachAndOtherRejectionsAreNot() {
        for (String rule : List.of(RouterRules.KILL_SWITCH, RouterRules.MAX_DRAWDOWN_HALT, RouterRules.DAILY_LOSS_LIMIT,
                RouterRules.MAX_OPEN_ORDERS, RouterRules.MAX_POSITION, RouterRules.MAX_GROSS_EXPOSURE)) {
            assertThat(AlertEvents.of(MessageType.DECISION, decision(false, rule))).extracting(AlertEvent::type)
                    .as(rule).containsExactly(AlertType.DECISION, AlertType.RISK_BREACH);
        }
        for (String rule : List.of(RouterRules.COOLDOWN, RouterRules.LONG_ONLY, RouterRules.SIZING,
                RouterRules.STRATEGY_DISABLED, RouterRules.DUPLICATE, RouterRules.PENDING_ORDER)) {
            assertThat(AlertEvents.of(MessageType.DECISION, decision(false, rule))).extracting(AlertEvent::type)
                    .as(rule).containsExactly(AlertType.DECISION);
        }
        assertThat(AlertEvents.of(MessageType.DECISION, decision(true, RouterRules.ACCEPTED)))
                .extracting(AlertEvent::type).containsExactly(AlertType.DECISION);
        AlertEvent breach = AlertEvents.decision(decision(false, RouterRules.KILL_SWITCH)).get(1);
        assertThat(((Decision) breach.payload()).rule()).isEqualTo("kill-switch");
        assertThat(breach.time()).isEqualTo(T);
        assertThat(breach.symbol()).isEqualTo("AAPL");
        assertThat(breach.account()).isEqualTo("default");
    }

    @Test
    void snapshotsAreAboutAnAccountSignalsAboutASymbolAndWatermarksAreNoAlert() {
        PortfolioSnapshot snapshot = new PortfolioSnapshot("default", new BigDecimal("10000"), new BigDecimal("10000"),
                new BigDecimal("10000"), new BigDecimal("10000"), List.of(), T);
        AlertEvent portfolio = AlertEvents.of(MessageType.SNAPSHOT, snapshot).get(0);
        assertThat(portfolio.type()).isEqualTo(AlertType.PORTFOLIO);
        assertThat(portfolio.symbol()).isNull();
        assertThat(portfolio.account()).isEqualTo("default");
        assertThat(JsonCodec.encode(portfolio)).doesNotContain("\"symbol\"");

        Signal signal = new Signal("s1", "macd-crossover", "AAPL", SignalType.SELL, BigDecimal.ONE, T,
                new BigDecimal("420.5"), null, null);
        AlertEvent alert = AlertEvents.signal(signal);
        assertThat(alert.type()).isEqualTo(AlertType.SIGNAL);
        assertThat(alert.time()).isEqualTo(T);
        assertThat(alert.symbol()).isEqualTo("AAPL");
        assertThat(alert.account()).isNull();

        OrderStatusEvent status = new OrderStatusEvent("st1", "o1", "default", "AAPL", OrderStatus.FILLED,
                BigDecimal.TEN, new BigDecimal("431.25"), null, T);
        assertThat(AlertEvents.of(MessageType.ORDER_STATUS, status)).extracting(AlertEvent::type, AlertEvent::symbol)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertType.ORDER_STATUS, "AAPL"));

        assertThat(AlertEvents.of(MessageType.SLICE_END, new SliceEnd("se1", "orders", T, 0))).isEmpty();
    }
}
