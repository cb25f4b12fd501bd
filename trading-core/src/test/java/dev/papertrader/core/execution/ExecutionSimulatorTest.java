package dev.papertrader.core.execution;

import static dev.papertrader.core.execution.Fixtures.ACCOUNT;
import static dev.papertrader.core.execution.Fixtures.SYMBOL;
import static dev.papertrader.core.execution.Fixtures.bar;
import static dev.papertrader.core.execution.Fixtures.barWithVolume;
import static dev.papertrader.core.execution.Fixtures.d;
import static dev.papertrader.core.execution.Fixtures.day;
import static dev.papertrader.core.execution.Fixtures.fills;
import static dev.papertrader.core.execution.Fixtures.kinds;
import static dev.papertrader.core.execution.Fixtures.limit;
import static dev.papertrader.core.execution.Fixtures.market;
import static dev.papertrader.core.execution.Fixtures.notionalMarket;
import static dev.papertrader.core.execution.Fixtures.order;
import static dev.papertrader.core.execution.Fixtures.statusSequence;
import static dev.papertrader.core.execution.Fixtures.statuses;
import static dev.papertrader.core.execution.Fixtures.stop;
import static dev.papertrader.core.execution.Fixtures.stopLimit;
import static dev.papertrader.core.model.OrderStatus.CANCELED;
import static dev.papertrader.core.model.OrderStatus.EXPIRED;
import static dev.papertrader.core.model.OrderStatus.FILLED;
import static dev.papertrader.core.model.OrderStatus.NEW;
import static dev.papertrader.core.model.OrderStatus.PARTIALLY_FILLED;
import static dev.papertrader.core.model.OrderStatus.REJECTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.papertrader.core.json.JsonCodec;
import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.ExecutionEvent;
import dev.papertrader.core.model.Fill;
import dev.papertrader.core.model.Order;
import dev.papertrader.core.model.OrderStatusEvent;
import dev.papertrader.core.model.OrderType;
import dev.papertrader.core.model.Side;
import dev.papertrader.core.model.TimeInForce;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ExecutionSimulatorTest {

    private static final ExecutionConfig DEFAULTS = ExecutionConfig.defaults();
    private static final ExecutionConfig CAPPED = DEFAULTS.withMaxVolumeShare(d("0.1"));

    /** Submits the order before any bar and returns every event, in call order. */
    private static List<ExecutionEvent> run(ExecutionConfig config, Order order, Bar... bars) {
        ExecutionSimulator simulator = new ExecutionSimulator(config);
        List<ExecutionEvent> events = new ArrayList<>(simulator.submit(order));
        for (Bar bar : bars) {
            events.addAll(simulator.onBar(bar));
        }
        return events;
    }

    /** The order's single fill, asserting there is exactly one. */
    private static Fill onlyFill(List<ExecutionEvent> events) {
        assertThat(fills(events)).hasSize(1);
        return fills(events).get(0);
    }

    private static OrderStatusEvent last(List<ExecutionEvent> events) {
        List<OrderStatusEvent> statuses = statuses(events);
        return statuses.get(statuses.size() - 1);
    }

    @Nested
    class Eligibility {

        @Test
        void marketOrderCreatedOnABarFillsAtTheNextBarsOpen() {
            ExecutionSimulator simulator = new ExecutionSimulator(DEFAULTS);
            assertThat(simulator.onBar(bar(0, "100", "101", "99", "100"))).isEmpty();

            List<ExecutionEvent> submitted = simulator.submit(market("o1", Side.BUY, "10", day(0)));
            assertThat(statusSequence(submitted)).containsExactly(NEW);

            List<ExecutionEvent> events = simulator.onBar(bar(1, "102", "103", "101", "102"));
            Fill fill = onlyFill(events);
            assertThat(fill.qty()).isEqualByComparingTo("10");
            assertThat(fill.price()).isEqualTo(d("102.00000000"));
            assertThat(fill.fee()).isEqualByComparingTo("0");
            assertThat(fill.filledAt()).isEqualTo(day(1));
            OrderStatusEvent filled = last(events);
            assertThat(filled.status()).isEqualTo(FILLED);
            assertThat(filled.filledQty()).isEqualByComparingTo("10");
            assertThat(filled.avgFillPrice()).isEqualByComparingTo("102");
            assertThat(simulator.openOrders()).isEmpty();
        }

        @Test
        void latencyOfTwoBarsFillsOnTheSecondBarAfterCreation() {
            ExecutionSimulator simulator = new ExecutionSimulator(DEFAULTS.withLatencyBars(2));
            simulator.submit(market("o1", Side.BUY, "10", day(0)));

            assertThat(simulator.onBar(bar(1, "102", "103", "101", "102"))).isEmpty();
            assertThat(simulator.order("o1").orElseThrow().eligibleFrom()).isNull();

            Fill fill = onlyFill(simulator.onBar(bar(2, "104", "105", "103", "104")));
            assertThat(fill.price()).isEqualByComparingTo("104");
            assertThat(simulator.order("o1").orElseThrow().eligibleFrom()).isEqualTo(day(2));
        }

        @Test
        void aBarOpeningAtCreatedAtDoesNotCount() {
            List<ExecutionEvent> events = run(DEFAULTS, market("o1", Side.BUY, "10", day(1)),
                    bar(1, "100", "101", "99", "100"), bar(2, "103", "104", "102", "103"));

            assertThat(onlyFill(events).price()).isEqualByComparingTo("103");
            assertThat(onlyFill(events).filledAt()).isEqualTo(day(2));
        }

        @Test
        void barsOfOtherSymbolsDoNotCount() {
            ExecutionSimulator simulator = new ExecutionSimulator(DEFAULTS);
            simulator.submit(market("o1", Side.BUY, "10", day(0)));

            Bar otherSymbol = new Bar("MSFT", "1d", day(1), d("300"), d("301"), d("299"), d("300"), d("1000"));
            assertThat(simulator.onBar(otherSymbol)).isEmpty();
            assertThat(onlyFill(simulator.onBar(bar(1, "102", "103", "101", "102"))).price())
                    .isEqualByComparingTo("102");
        }
    }

    @Nested
    class LimitOrders {

        @Test
        void buyLimitGappedThroughFillsAtTheBetterOpen() {
            List<ExecutionEvent> events = run(DEFAULTS, limit("o1", Side.BUY, "10", "100", day(0)),
                    bar(1, "98", "101", "97", "100"));

            assertThat(onlyFill(events).price()).isEqualByComparingTo("98");
        }

        @Test
        void buyLimitReachedIntrabarFillsAtTheLimit() {
            List<ExecutionEvent> events = run(DEFAULTS, limit("o1", Side.BUY, "10", "100", day(0)),
                    bar(1, "102", "103", "99", "101"));

            assertThat(onlyFill(events).price()).isEqualByComparingTo("100");
        }

        @Test
        void buyLimitTouchedByTheLowFills() {
            List<ExecutionEvent> events = run(DEFAULTS, limit("o1", Side.BUY, "10", "100", day(0)),
                    bar(1, "102", "103", "100", "101"));

            assertThat(onlyFill(events).price()).isEqualByComparingTo("100");
        }

        @Test
        void buyLimitNotReachedRestsUntilABarReachesIt() {
            ExecutionSimulator simulator = new ExecutionSimulator(DEFAULTS);
            simulator.submit(limit("o1", Side.BUY, "10", "100", day(0)));

            assertThat(simulator.onBar(bar(1, "102", "104", "100.5", "103"))).isEmpty();
            assertThat(simulator.order("o1").orElseThrow().status()).isEqualTo(NEW);
            assertThat(simulator.openOrders()).hasSize(1);

            Fill fill = onlyFill(simulator.onBar(bar(2, "101", "101", "99.5", "100")));
            assertThat(fill.price()).isEqualByComparingTo("100");
            assertThat(fill.filledAt()).isEqualTo(day(2));
        }

        @Test
        void sellLimitGappedThroughFillsAtTheBetterOpen() {
            List<ExecutionEvent> events = run(DEFAULTS, limit("o1", Side.SELL, "10", "100", day(0)),
                    bar(1, "103", "104", "102", "103"));

            assertThat(onlyFill(events).price()).isEqualByComparingTo("103");
        }

        @Test
        void sellLimitReachedIntrabarFillsAtTheLimit() {
            List<ExecutionEvent> events = run(DEFAULTS, limit("o1", Side.SELL, "10", "100", day(0)),
                    bar(1, "98", "101", "97", "99"));

            assertThat(onlyFill(events).price()).isEqualByComparingTo("100");
        }

        @Test
        void sellLimitNotReachedRests() {
            List<ExecutionEvent> events = run(DEFAULTS, limit("o1", Side.SELL, "10", "100", day(0)),
                    bar(1, "98", "99.99", "97", "99"));

            assertThat(statusSequence(events)).containsExactly(NEW);
        }
    }

    @Nested
    class StopOrders {

        @Test
        void buyStopGappedThroughFillsAtTheWorseOpen() {
            List<ExecutionEvent> events = run(DEFAULTS, stop("o1", Side.BUY, "10", "105", day(0)),
                    bar(1, "107", "108", "106", "107"));

            assertThat(onlyFill(events).price()).isEqualByComparingTo("107");
        }

        @Test
        void buyStopReachedIntrabarFillsAtTheStop() {
            List<ExecutionEvent> events = run(DEFAULTS, stop("o1", Side.BUY, "10", "105", day(0)),
                    bar(1, "103", "106", "102", "105"));

            assertThat(onlyFill(events).price()).isEqualByComparingTo("105");
        }

        @Test
        void buyStopNotReachedIsNotTriggered() {
            ExecutionSimulator simulator = new ExecutionSimulator(DEFAULTS);
            simulator.submit(stop("o1", Side.BUY, "10", "105", day(0)));

            assertThat(simulator.onBar(bar(1, "103", "104.99", "102", "104"))).isEmpty();
            assertThat(simulator.order("o1").orElseThrow().triggered()).isFalse();
        }

        @Test
        void sellStopGappedThroughFillsAtTheWorseOpen() {
            List<ExecutionEvent> events = run(DEFAULTS, stop("o1", Side.SELL, "10", "95", day(0)),
                    bar(1, "93", "94", "92", "93"));

            assertThat(onlyFill(events).price()).isEqualByComparingTo("93");
        }

        @Test
        void sellStopReachedIntrabarFillsAtTheStop() {
            List<ExecutionEvent> events = run(DEFAULTS, stop("o1", Side.SELL, "10", "95", day(0)),
                    bar(1, "97", "98", "94", "95"));

            assertThat(onlyFill(events).price()).isEqualByComparingTo("95");
        }

        @Test
        void triggeredStopKeepsFillingAsAMarketOrderOnLaterBars() {
            // Capped at 10 % of volume: 25 fill at the stop on the trigger bar, the other 35 at the next open,
            // even though that open is back below the stop.
            List<ExecutionEvent> events = run(CAPPED, stop("o1", Side.BUY, "60", "105", day(0)),
                    bar(day(1), "103", "106", "102", "105", "250"), bar(day(2), "101", "102", "100", "101", "1000"));

            assertThat(kinds(events)).containsExactly("NEW", "FILL 25@105", "PARTIALLY_FILLED", "FILL 35@101",
                    "FILLED");
        }
    }

    @Nested
    class StopLimitOrders {

        @Test
        void buyTriggeredAtTheOpenWithTheOpenWithinTheLimitFillsAtTheOpen() {
            List<ExecutionEvent> events = run(DEFAULTS, stopLimit("o1", Side.BUY, "10", "105", "108", day(0)),
                    bar(1, "107", "109", "106", "108"));

            assertThat(onlyFill(events).price()).isEqualByComparingTo("107");
        }

        @Test
        void buyTriggeredAtTheOpenAboveTheLimitFillsAtTheLimitWhenTheLowReachesIt() {
            List<ExecutionEvent> events = run(DEFAULTS, stopLimit("o1", Side.BUY, "10", "105", "106", day(0)),
                    bar(1, "107", "108", "105.5", "107"));

            assertThat(onlyFill(events).price()).isEqualByComparingTo("106");
        }

        @Test
        void buyTriggeredAtTheOpenButNeverBackToTheLimitRestsAsATriggeredLimit() {
            ExecutionSimulator simulator = new ExecutionSimulator(DEFAULTS);
            simulator.submit(stopLimit("o1", Side.BUY, "10", "105", "106", day(0)));

            assertThat(simulator.onBar(bar(1, "110", "111", "108", "109"))).isEmpty();
            assertThat(simulator.order("o1").orElseThrow().triggered()).isTrue();

            // Next bar never reaches the stop again, but the order is already a limit order at 106.
            Fill fill = onlyFill(simulator.onBar(bar(2, "104.5", "104.8", "103", "104")));
            assertThat(fill.price()).isEqualByComparingTo("104.5");
        }

        @Test
        void buyTriggeredIntrabarWithTheStopWithinTheLimitFillsAtTheStop() {
            List<ExecutionEvent> events = run(DEFAULTS, stopLimit("o1", Side.BUY, "10", "105", "106", day(0)),
                    bar(1, "103", "107", "102", "106"));

            assertThat(onlyFill(events).price()).isEqualByComparingTo("105");
        }

        @Test
        void buyTriggeredIntrabarWithTheLimitBelowTheStopWaitsForTheNextBar() {
            ExecutionSimulator simulator = new ExecutionSimulator(DEFAULTS);
            simulator.submit(stopLimit("o1", Side.BUY, "10", "105", "104", day(0)));

            // The low (102) is below the limit, but it may have come before the high that triggered the stop.
            assertThat(simulator.onBar(bar(1, "103", "106", "102", "105"))).isEmpty();
            assertThat(simulator.order("o1").orElseThrow().triggered()).isTrue();

            Fill fill = onlyFill(simulator.onBar(bar(2, "104.5", "105", "103", "104")));
            assertThat(fill.price()).isEqualByComparingTo("104");
        }

        @Test
        void buyNotTriggeredDoesNothingEvenBelowTheLimit() {
            ExecutionSimulator simulator = new ExecutionSimulator(DEFAULTS);
            simulator.submit(stopLimit("o1", Side.BUY, "10", "105", "106", day(0)));

            assertThat(simulator.onBar(bar(1, "103", "104", "100", "101"))).isEmpty();
            assertThat(simulator.order("o1").orElseThrow().triggered()).isFalse();
        }

        @Test
        void sellTriggeredIntrabarWithTheStopWithinTheLimitFillsAtTheStop() {
            List<ExecutionEvent> events = run(DEFAULTS, stopLimit("o1", Side.SELL, "10", "95", "94", day(0)),
                    bar(1, "97", "98", "93", "94"));

            assertThat(onlyFill(events).price()).isEqualByComparingTo("95");
        }

        @Test
        void sellTriggeredAtTheOpenBelowTheLimitRestsThenFillsAtAGapUp() {
            ExecutionSimulator simulator = new ExecutionSimulator(DEFAULTS);
            simulator.submit(stopLimit("o1", Side.SELL, "10", "95", "94", day(0)));

            assertThat(simulator.onBar(bar(1, "93", "93.5", "92", "93"))).isEmpty();
            Fill fill = onlyFill(simulator.onBar(bar(2, "95", "96", "94.5", "95")));
            assertThat(fill.price()).isEqualByComparingTo("95");
        }
    }

    @Nested
    class VolumeCap {

        @Test
        void partialFillsCappedByVolumeCompleteOverThreeBars() {
            // 10 % of 250 = 25, of 300 = 30, of 1000 = 100 (only the 5 remaining fill).
            List<ExecutionEvent> events = run(CAPPED, market("o1", Side.BUY, "60", day(0)),
                    barWithVolume(1, "100", "250"), barWithVolume(2, "102", "300"), barWithVolume(3, "104", "1000"));

            assertThat(kinds(events)).containsExactly("NEW", "FILL 25@100", "PARTIALLY_FILLED", "FILL 30@102",
                    "PARTIALLY_FILLED", "FILL 5@104", "FILLED");
            List<OrderStatusEvent> statuses = statuses(events);
            assertThat(statuses.get(1).filledQty()).isEqualByComparingTo("25");
            assertThat(statuses.get(1).avgFillPrice()).isEqualByComparingTo("100");
            // (25 × 100 + 30 × 102) / 55 = 5560 / 55
            assertThat(statuses.get(2).filledQty()).isEqualByComparingTo("55");
            assertThat(statuses.get(2).avgFillPrice()).isEqualTo(d("101.09090909"));
            // (2500 + 3060 + 5 × 104) / 60 = 6080 / 60
            assertThat(statuses.get(3).filledQty()).isEqualByComparingTo("60");
            assertThat(statuses.get(3).avgFillPrice()).isEqualTo(d("101.33333333"));
        }

        @Test
        void capIsRoundedDownToTheOrdersQuantityScale() {
            // 10 % of 55 = 5.5: whole units for "10", tenths for "10.0".
            assertThat(onlyFill(run(CAPPED, market("o1", Side.BUY, "10", day(0)), barWithVolume(1, "100", "55")))
                    .qty()).isEqualTo(d("5"));
            assertThat(onlyFill(run(CAPPED, market("o1", Side.BUY, "10.0", day(0)), barWithVolume(1, "100", "55")))
                    .qty()).isEqualTo(d("5.5"));
        }

        @Test
        void aZeroVolumeBarFillsNothingWhenCapped() {
            List<ExecutionEvent> events = run(CAPPED, market("o1", Side.BUY, "10", day(0)),
                    barWithVolume(1, "100", "0"), barWithVolume(2, "101", "1000"));

            assertThat(kinds(events)).containsExactly("NEW", "FILL 10@101", "FILLED");
        }

        @Test
        void withoutACapAZeroVolumeBarFillsEverything() {
            List<ExecutionEvent> events = run(DEFAULTS, market("o1", Side.BUY, "10", day(0)),
                    barWithVolume(1, "100", "0"));

            assertThat(kinds(events)).containsExactly("NEW", "FILL 10@100", "FILLED");
        }
    }

    @Nested
    class TimeInForceRules {

        @Test
        void iocRemainderIsCancelledAfterTheFirstEligibleBar() {
            List<ExecutionEvent> events = run(CAPPED, market("o1", Side.BUY, "60", TimeInForce.IOC, day(0)),
                    barWithVolume(1, "100", "250"), barWithVolume(2, "101", "1000"));

            assertThat(kinds(events)).containsExactly("NEW", "FILL 25@100", "PARTIALLY_FILLED", "CANCELED");
            OrderStatusEvent canceled = last(events);
            assertThat(canceled.filledQty()).isEqualByComparingTo("25");
            assertThat(canceled.avgFillPrice()).isEqualByComparingTo("100");
            assertThat(canceled.eventTime()).isEqualTo(day(1));
            assertThat(canceled.reason()).contains("IOC");
        }

        @Test
        void iocLimitNotReachedIsCancelledWithNothingFilled() {
            List<ExecutionEvent> events = run(DEFAULTS,
                    order("o1", Side.BUY, OrderType.LIMIT, "10", "90", null, TimeInForce.IOC, day(0)),
                    bar(1, "100", "101", "95", "100"), bar(2, "89", "90", "88", "89"));

            assertThat(statusSequence(events)).containsExactly(NEW, CANCELED);
            assertThat(last(events).filledQty()).isEqualByComparingTo("0");
            assertThat(last(events).avgFillPrice()).isNull();
        }

        @Test
        void iocFilledEntirelyIsNotCancelled() {
            List<ExecutionEvent> events = run(CAPPED, market("o1", Side.BUY, "60", TimeInForce.IOC, day(0)),
                    barWithVolume(1, "100", "1000"));

            assertThat(kinds(events)).containsExactly("NEW", "FILL 60@100", "FILLED");
        }

        @Test
        void fokThatTheVolumeCapCannotFillEntirelyIsCancelledWithoutAFill() {
            List<ExecutionEvent> events = run(CAPPED, market("o1", Side.BUY, "60", TimeInForce.FOK, day(0)),
                    barWithVolume(1, "100", "250"), barWithVolume(2, "101", "1000"));

            assertThat(kinds(events)).containsExactly("NEW", "CANCELED");
            assertThat(last(events).filledQty()).isEqualByComparingTo("0");
            assertThat(last(events).reason()).contains("FOK");
            assertThat(last(events).eventTime()).isEqualTo(day(1));
        }

        @Test
        void fokWithinTheCapFillsEntirely() {
            List<ExecutionEvent> events = run(CAPPED, market("o1", Side.BUY, "60", TimeInForce.FOK, day(0)),
                    barWithVolume(1, "100", "600"));

            assertThat(kinds(events)).containsExactly("NEW", "FILL 60@100", "FILLED");
        }

        @Test
        void dayOrderExpiresOnTheFirstBarOfTheNextSession() {
            List<ExecutionEvent> events = run(DEFAULTS,
                    order("o1", Side.BUY, OrderType.LIMIT, "10", "90", null, TimeInForce.DAY, day(0)),
                    bar(1, "100", "101", "95", "100"), bar(2, "86", "87", "85", "86"));

            // Day 2 reaches the limit, but its session is after the first eligible bar's (2024-01-03).
            assertThat(kinds(events)).containsExactly("NEW", "EXPIRED");
            OrderStatusEvent expired = last(events);
            assertThat(expired.eventTime()).isEqualTo(day(2));
            assertThat(expired.reason()).contains("DAY").contains("2024-01-03");
        }

        @Test
        void dayOrderFromADailyBarStillGetsItsNextDayFill() {
            List<ExecutionEvent> events = run(DEFAULTS, market("o1", Side.BUY, "10", TimeInForce.DAY, day(0)),
                    bar(1, "101", "102", "100", "101"));

            assertThat(kinds(events)).containsExactly("NEW", "FILL 10@101", "FILLED");
        }

        @Test
        void daySessionsFollowTheConfiguredZone() {
            // 20:00Z and 01:00Z next day are both 2 January in New York (15:00 and 20:00 EST).
            Order dayLimit = order("o1", Side.BUY, OrderType.LIMIT, "10", "90", null, TimeInForce.DAY,
                    Instant.parse("2024-01-02T19:00:00Z"));
            Bar afternoon = bar(Instant.parse("2024-01-02T20:00:00Z"), "100", "100", "100", "100", "1000");
            Bar evening = bar(Instant.parse("2024-01-03T01:00:00Z"), "100", "100", "100", "100", "1000");
            Bar nextMorning = bar(Instant.parse("2024-01-03T15:00:00Z"), "100", "100", "100", "100", "1000");

            assertThat(statusSequence(run(DEFAULTS, dayLimit, afternoon, evening))).containsExactly(NEW, EXPIRED);
            ExecutionConfig newYork = DEFAULTS.withSessionZone(ZoneId.of("America/New_York"));
            assertThat(statusSequence(run(newYork, dayLimit, afternoon, evening))).containsExactly(NEW);
            assertThat(statusSequence(run(newYork, dayLimit, afternoon, evening, nextMorning)))
                    .containsExactly(NEW, EXPIRED);
        }

        @Test
        void gtcRestsAcrossSessions() {
            List<ExecutionEvent> events = run(DEFAULTS, limit("o1", Side.BUY, "10", "90", day(0)),
                    bar(1, "100", "101", "95", "100"), bar(2, "96", "97", "93", "96"), bar(3, "91", "92", "89", "90"));

            assertThat(kinds(events)).containsExactly("NEW", "FILL 10@90", "FILLED");
        }
    }

    @Nested
    class NotionalOrders {

        @Test
        void allInBuyWithAPercentFeeUsesAllTheCash() {
            ExecutionConfig config = DEFAULTS.withFees(FeeModel.percentOfNotional(d("0.1")));
            ExecutionSimulator simulator = new ExecutionSimulator(config);
            simulator.submit(notionalMarket("o1", Side.BUY, "10000", day(0)));

            Fill fill = onlyFill(simulator.onBar(bar(1, "100", "101", "99", "100")));
            // floor(10000 / (100 × 1.001), 8 decimals) = 99.90009990; fee 9990.00999 × 0.1 % = 9.99000999
            assertThat(fill.qty()).isEqualTo(d("99.90009990"));
            assertThat(fill.price()).isEqualByComparingTo("100");
            assertThat(fill.fee()).isEqualTo(d("9.99000999"));
            assertThat(fill.cashDelta()).isEqualByComparingTo("-9999.99999999");
            OrderView view = simulator.order("o1").orElseThrow();
            assertThat(view.status()).isEqualTo(FILLED);
            // What is left is less than one more 0.00000001 unit would cost (0.000001001).
            assertThat(view.remainingNotional()).isEqualByComparingTo("0.00000001");
        }

        @Test
        void notionalBuyQuantityUsesTheSlippedPrice() {
            ExecutionConfig config = DEFAULTS.withSlippage(SlippageModel.fixedBps(d("10")));
            Fill fill = onlyFill(run(config, notionalMarket("o1", Side.BUY, "1000", day(0)),
                    bar(1, "100", "101", "99", "100")));

            // price 100 × 1.001 = 100.1; floor(1000 / 100.1) = 9.99000999; cost 999.999999999
            assertThat(fill.price()).isEqualByComparingTo("100.1");
            assertThat(fill.qty()).isEqualTo(d("9.99000999"));
        }

        @Test
        void notionalSellSellsTheGrossValue() {
            Fill fill = onlyFill(run(DEFAULTS, notionalMarket("o1", Side.SELL, "1000", day(0)),
                    bar(1, "30", "31", "29", "30")));

            assertThat(fill.qty()).isEqualTo(d("33.33333333"));
            assertThat(fill.price()).isEqualByComparingTo("30");
        }

        @Test
        void cappedNotionalBuySpendsTheRestOfItsBudgetOnTheNextBar() {
            // Bar 1: cap 40 of the 100 affordable; 6000 left. Bar 2: 6000 / 120 = 50, within the cap of 100.
            List<ExecutionEvent> events = run(CAPPED, notionalMarket("o1", Side.BUY, "10000", day(0)),
                    barWithVolume(1, "100", "400"), barWithVolume(2, "120", "1000"));

            assertThat(kinds(events)).containsExactly("NEW", "FILL 40.00000000@100", "PARTIALLY_FILLED",
                    "FILL 50.00000000@120", "FILLED");
            assertThat(last(events).filledQty()).isEqualByComparingTo("90");
            assertThat(last(events).avgFillPrice()).isEqualTo(d("111.11111111"));
        }

        @Test
        void partlyFilledNotionalWhoseRestAffordsNoUnitIsFilledWithoutAFill() {
            ExecutionConfig config = CAPPED.withNotionalQuantityScale(0);
            List<ExecutionEvent> events = run(config, notionalMarket("o1", Side.BUY, "1000", day(0)),
                    barWithVolume(1, "100", "50"), barWithVolume(2, "600", "1000"));

            // Bar 1 fills 5 (cap) for 500; the 500 left buys no share at 600.
            assertThat(kinds(events)).containsExactly("NEW", "FILL 5@100", "PARTIALLY_FILLED", "FILLED");
            assertThat(last(events).eventTime()).isEqualTo(day(2));
            assertThat(last(events).filledQty()).isEqualByComparingTo("5");
        }

        @Test
        void notionalTooSmallForOneUnitIsCancelled() {
            ExecutionConfig config = DEFAULTS.withNotionalQuantityScale(0);
            List<ExecutionEvent> events = run(config, notionalMarket("o1", Side.BUY, "50", day(0)),
                    bar(1, "100", "101", "99", "100"));

            assertThat(statusSequence(events)).containsExactly(NEW, CANCELED);
            assertThat(last(events).reason()).contains("affords no unit");
        }

        @Test
        void notionalFokThatTheCapWouldSplitIsCancelled() {
            Order fok = new Order("o1", null, ACCOUNT, SYMBOL, Side.BUY, OrderType.MARKET, null, d("10000"), null, null,
                    TimeInForce.FOK, day(0));
            List<ExecutionEvent> events = run(CAPPED, fok, barWithVolume(1, "100", "400"));

            assertThat(kinds(events)).containsExactly("NEW", "CANCELED");
        }
    }

    @Nested
    class Fees {

        @Test
        void perShareMinimumIsPaidOnTheFirstFillOnly() {
            ExecutionConfig config = CAPPED.withFees(FeeModel.perShare(d("0.005"), d("1")));
            List<ExecutionEvent> events = run(config, market("o1", Side.BUY, "300", day(0)),
                    barWithVolume(1, "100", "1000"), barWithVolume(2, "100", "1000"), barWithVolume(3, "100", "1000"));

            // 100 × 0.005 = 0.5: raised to the 1.00 minimum on the first fill only.
            assertThat(fills(events)).extracting(Fill::fee)
                    .containsExactly(d("1.00000000"), d("0.50000000"), d("0.50000000"));
        }

        @Test
        void fixedPerOrderFeeIsPaidOnce() {
            ExecutionConfig config = CAPPED.withFees(FeeModel.fixedPerOrder(d("5")));
            ExecutionSimulator simulator = new ExecutionSimulator(config);
            simulator.submit(market("o1", Side.BUY, "150", day(0)));
            simulator.onBar(barWithVolume(1, "100", "1000"));
            simulator.onBar(barWithVolume(2, "100", "1000"));

            assertThat(simulator.order("o1").orElseThrow().fees()).isEqualByComparingTo("5");
        }

        @Test
        void percentOfNotionalFee() {
            ExecutionConfig config = DEFAULTS.withFees(FeeModel.percentOfNotional(d("0.1")));
            Fill fill = onlyFill(run(config, market("o1", Side.BUY, "50", day(0)), bar(1, "100", "101", "99", "100")));

            assertThat(fill.fee()).isEqualByComparingTo("5"); // 50 × 100 × 0.1 %
        }
    }

    @Nested
    class Slippage {

        @Test
        void fixedBpsMakesABuyPayMoreAndASellReceiveLess() {
            ExecutionConfig config = DEFAULTS.withSlippage(SlippageModel.fixedBps(d("5")));
            Bar bar = bar(1, "100", "101", "99", "100");

            assertThat(onlyFill(run(config, market("b", Side.BUY, "10", day(0)), bar)).price())
                    .isEqualTo(d("100.05000000"));
            assertThat(onlyFill(run(config, market("s", Side.SELL, "10", day(0)), bar)).price())
                    .isEqualTo(d("99.95000000"));
        }

        @Test
        void aLimitFillIsNeverSlippedBeyondItsLimit() {
            ExecutionConfig config = DEFAULTS.withSlippage(SlippageModel.fixedBps(d("50")));

            // Intrabar at the limit: 100 × 1.005 would be 100.5, capped at 100.
            assertThat(onlyFill(run(config, limit("o1", Side.BUY, "10", "100", day(0)),
                    bar(1, "102", "103", "99", "101"))).price()).isEqualByComparingTo("100");
            // Gap through: 98 × 1.005 = 98.49, within the limit.
            assertThat(onlyFill(run(config, limit("o1", Side.BUY, "10", "100", day(0)),
                    bar(1, "98", "101", "97", "100"))).price()).isEqualByComparingTo("98.49");
            // Gap through just under the limit: 99.9 × 1.005 = 100.3995, capped at 100.
            assertThat(onlyFill(run(config, limit("o1", Side.BUY, "10", "100", day(0)),
                    bar(1, "99.9", "101", "97", "100"))).price()).isEqualByComparingTo("100");
        }

        @Test
        void aStopFillIsSlippedLikeAMarketOrder() {
            ExecutionConfig config = DEFAULTS.withSlippage(SlippageModel.fixedBps(d("10")));

            assertThat(onlyFill(run(config, stop("o1", Side.BUY, "10", "105", day(0)),
                    bar(1, "103", "106", "102", "105"))).price()).isEqualByComparingTo("105.105");
        }

        @Test
        void volumeShareImpactGrowsWithTheShareOfTheBar() {
            ExecutionConfig config = DEFAULTS.withSlippage(SlippageModel.volumeShareImpact(d("0.1")));
            Bar bar = barWithVolume(1, "100", "1000");

            // 100 of 1000 = 10 % share; impact 0.1 × 0.1 = 1 %.
            assertThat(onlyFill(run(config, market("b", Side.BUY, "100", day(0)), bar)).price())
                    .isEqualByComparingTo("101");
            assertThat(onlyFill(run(config, market("s", Side.SELL, "100", day(0)), bar)).price())
                    .isEqualByComparingTo("99");
        }
    }

    @Nested
    class Events {

        @Test
        void idsAreDeterministicAndTimesAreEventTimes() {
            List<ExecutionEvent> events = run(DEFAULTS, market("o1", Side.BUY, "10", day(0)),
                    bar(1, "102", "103", "101", "102"));

            assertThat(events).hasSize(3);
            assertThat(((OrderStatusEvent) events.get(0)).id()).isEqualTo(uuid("o1|0|NEW"));
            assertThat(((OrderStatusEvent) events.get(0)).eventTime()).isEqualTo(day(0));
            assertThat(((Fill) events.get(1)).id()).isEqualTo(uuid("o1|1|FILL"));
            assertThat(((Fill) events.get(1)).filledAt()).isEqualTo(day(1));
            assertThat(((OrderStatusEvent) events.get(2)).id()).isEqualTo(uuid("o1|2|FILLED"));
            assertThat(((OrderStatusEvent) events.get(2)).eventTime()).isEqualTo(day(1));
            assertThat(run(DEFAULTS, market("o1", Side.BUY, "10", day(0)), bar(1, "102", "103", "101", "102")))
                    .isEqualTo(events);
        }

        @Test
        void ordersOnOneBarAreProcessedByCreationTimeThenId() {
            ExecutionSimulator simulator = new ExecutionSimulator(DEFAULTS);
            simulator.submit(market("b", Side.BUY, "1", day(0)));
            simulator.submit(market("c", Side.BUY, "1", day(0).minus(Duration.ofHours(1))));
            simulator.submit(market("a", Side.BUY, "1", day(0)));

            List<ExecutionEvent> events = simulator.onBar(bar(1, "102", "103", "101", "102"));
            assertThat(events).extracting(ExecutionEvent::orderId).containsExactly("c", "c", "a", "a", "b", "b");
        }

        private static String uuid(String key) {
            return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
        }
    }

    @Nested
    class Validation {

        @Test
        void aDuplicateIdIsRejectedAndTheOriginalIsUntouched() {
            ExecutionSimulator simulator = new ExecutionSimulator(DEFAULTS);
            simulator.submit(market("o1", Side.BUY, "10", day(0)));

            List<ExecutionEvent> rejected = simulator.submit(market("o1", Side.SELL, "5", day(0)));
            assertThat(statusSequence(rejected)).containsExactly(REJECTED);
            assertThat(statuses(rejected).get(0).reason()).contains("duplicate order id");

            assertThat(simulator.order("o1").orElseThrow().order().side()).isEqualTo(Side.BUY);
            assertThat(kinds(simulator.onBar(bar(1, "102", "103", "101", "102")))).containsExactly("FILL 10@102",
                    "FILLED");
        }

        @Test
        void anOrderOlderThanTheKeptHistoryIsRejected() {
            ExecutionSimulator simulator = new ExecutionSimulator(DEFAULTS.withBarHistory(2));
            simulator.onBar(bar(1, "101", "102", "100", "101"));
            simulator.onBar(bar(2, "102", "103", "101", "102"));
            simulator.onBar(bar(3, "103", "104", "102", "103")); // day 1 is dropped

            List<ExecutionEvent> tooOld = simulator.submit(market("old", Side.BUY, "10", day(0)));
            assertThat(statusSequence(tooOld)).containsExactly(REJECTED);
            assertThat(statuses(tooOld).get(0).reason()).contains("too late");

            // Created on day 1, it needs day 2 onward, which is kept.
            assertThat(kinds(simulator.submit(market("ok", Side.BUY, "10", day(1)))))
                    .containsExactly("NEW", "FILL 10@102", "FILLED");
        }

        @Test
        void theOrderRecordAlreadyRefusesNonPositivePrices() {
            assertThatThrownBy(() -> limit("o1", Side.BUY, "10", "0", day(0)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limitPrice");
            assertThatThrownBy(() -> stop("o1", Side.BUY, "10", "-1", day(0)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stopPrice");
        }

        @Test
        void aBarNotNewerThanTheLastOfItsSymbolIsIgnored() {
            ExecutionSimulator simulator = new ExecutionSimulator(DEFAULTS);
            simulator.onBar(bar(2, "102", "103", "101", "102"));

            assertThat(simulator.onBar(bar(1, "90", "91", "89", "90"))).isEmpty();
            assertThat(simulator.onBar(bar(2, "95", "96", "94", "95"))).isEmpty();
            // Neither ignored bar was kept: the late order's first bar after day 0 is day 2.
            assertThat(kinds(simulator.submit(market("o1", Side.BUY, "10", day(0)))))
                    .containsExactly("NEW", "FILL 10@102", "FILLED");
        }
    }

    @Nested
    class Cancel {

        @Test
        void cancellingARestingOrderStopsItFromFilling() {
            ExecutionSimulator simulator = new ExecutionSimulator(DEFAULTS);
            simulator.submit(limit("o1", Side.BUY, "10", "100", day(0)));
            simulator.onBar(bar(1, "102", "104", "101", "103"));

            Instant requested = day(1).plus(Duration.ofHours(2));
            List<ExecutionEvent> events = simulator.cancel("o1", requested, "user request");
            assertThat(statusSequence(events)).containsExactly(CANCELED);
            OrderStatusEvent canceled = statuses(events).get(0);
            assertThat(canceled.reason()).isEqualTo("user request");
            assertThat(canceled.eventTime()).isEqualTo(requested);
            assertThat(canceled.filledQty()).isEqualByComparingTo("0");

            assertThat(simulator.onBar(bar(2, "99", "100", "98", "99"))).isEmpty();
            assertThat(simulator.openOrders()).isEmpty();
            assertThat(simulator.order("o1").orElseThrow().status()).isEqualTo(CANCELED);
        }

        @Test
        void cancellingAPartlyFilledOrderKeepsWhatFilled() {
            ExecutionSimulator simulator = new ExecutionSimulator(CAPPED);
            simulator.submit(market("o1", Side.BUY, "60", day(0)));
            simulator.onBar(barWithVolume(1, "100", "250"));

            OrderStatusEvent canceled = statuses(simulator.cancel("o1", day(1), null)).get(0);
            assertThat(canceled.filledQty()).isEqualByComparingTo("25");
            assertThat(canceled.avgFillPrice()).isEqualByComparingTo("100");
            assertThat(canceled.reason()).isEqualTo("cancelled on request");
        }

        @Test
        void cancelTimeIsNeverBeforeTheOrdersPreviousEvent() {
            ExecutionSimulator simulator = new ExecutionSimulator(CAPPED);
            simulator.submit(market("o1", Side.BUY, "60", day(0)));
            simulator.onBar(barWithVolume(1, "100", "250"));

            assertThat(statuses(simulator.cancel("o1", day(0), "late")).get(0).eventTime()).isEqualTo(day(1));
        }

        @Test
        void cancellingAnUnknownOrFinalOrderGivesNoEvent() {
            ExecutionSimulator simulator = new ExecutionSimulator(DEFAULTS);
            assertThat(simulator.cancel("nope", day(1), "x")).isEmpty();

            simulator.submit(market("o1", Side.BUY, "10", day(0)));
            simulator.onBar(bar(1, "102", "103", "101", "102"));
            assertThat(simulator.cancel("o1", day(2), "x")).isEmpty();
            assertThat(simulator.order("o1").orElseThrow().status()).isEqualTo(FILLED);

            simulator.submit(limit("o2", Side.BUY, "10", "50", day(1)));
            assertThat(simulator.cancel("o2", day(1), "x")).hasSize(1);
            assertThat(simulator.cancel("o2", day(1), "again")).isEmpty();
        }
    }

    @Nested
    class CatchUp {

        private final List<Bar> bars = List.of(
                barWithVolume(0, "100", "1000"),
                bar(day(1), "102", "103", "99", "101", "250"),
                bar(day(2), "98", "99", "95", "96", "300"),
                bar(day(3), "97", "101", "96", "100", "1000"),
                bar(day(4), "101", "102", "100", "101", "1000"));

        @Test
        void anOrderArrivingAfterItsBarsGetsTheFillsItWouldHaveHadInTime() {
            ExecutionConfig config = CAPPED.withFees(FeeModel.perShare(d("0.01"), d("1")))
                    .withSlippage(SlippageModel.fixedBps(d("2")));
            Order order = limit("o1", Side.BUY, "60", "99.5", day(0));

            List<ExecutionEvent> inTime = run(config, order, bars.toArray(Bar[]::new));

            ExecutionSimulator late = new ExecutionSimulator(config);
            bars.forEach(late::onBar);
            List<ExecutionEvent> caughtUp = late.submit(order);

            // Day 1 reaches 99.5 intrabar (25 capped); day 2 gaps under it (30 at 98 × 1.0002); day 3 the last 5.
            assertThat(kinds(inTime)).containsExactly("NEW", "FILL 25@99.5", "PARTIALLY_FILLED", "FILL 30@98.0196",
                    "PARTIALLY_FILLED", "FILL 5@97.0194", "FILLED");
            assertThat(caughtUp).isEqualTo(inTime);
        }

        @Test
        void anOrderArrivingMidwayCatchesUpThenContinuesLive() {
            Order order = order("o1", Side.BUY, OrderType.LIMIT, "60", "96", null, TimeInForce.DAY, day(1));
            List<ExecutionEvent> inTime = run(CAPPED, order, bars.toArray(Bar[]::new));

            ExecutionSimulator midway = new ExecutionSimulator(CAPPED);
            List<ExecutionEvent> events = new ArrayList<>();
            midway.onBar(bars.get(0));
            midway.onBar(bars.get(1));
            midway.onBar(bars.get(2));
            events.addAll(midway.submit(order));
            events.addAll(midway.onBar(bars.get(3)));
            events.addAll(midway.onBar(bars.get(4)));

            // Day 2 is its session: 30 fill at 96 (cap); day 3 expires the rest.
            assertThat(kinds(inTime)).containsExactly("NEW", "FILL 30@96", "PARTIALLY_FILLED", "EXPIRED");
            assertThat(events).isEqualTo(inTime);
        }
    }

    @Nested
    class PersistAndResume {

        @Test
        void aRestoredSimulatorContinuesExactlyWhereTheFirstStopped() {
            ExecutionConfig config = CAPPED.withFees(FeeModel.fixedPerOrder(d("1")));
            List<Bar> bars = List.of(barWithVolume(1, "100", "250"), bar(day(2), "105", "106", "101", "102", "300"),
                    barWithVolume(3, "99", "1000"), barWithVolume(4, "98", "1000"));
            List<Order> orders = List.of(market("m", Side.BUY, "60", day(0)),
                    stop("s", Side.BUY, "40", "105.5", day(0)),
                    notionalMarket("n", Side.SELL, "3000", day(1)),
                    limit("l", Side.BUY, "10", "50", day(0)));

            ExecutionSimulator uninterrupted = new ExecutionSimulator(config);
            List<ExecutionEvent> expected = new ArrayList<>();
            orders.forEach(o -> expected.addAll(uninterrupted.submit(o)));
            bars.forEach(b -> expected.addAll(uninterrupted.onBar(b)));

            ExecutionSimulator first = new ExecutionSimulator(config);
            List<ExecutionEvent> actual = new ArrayList<>();
            orders.forEach(o -> actual.addAll(first.submit(o)));
            actual.addAll(first.onBar(bars.get(0)));
            actual.addAll(first.onBar(bars.get(1)));

            String persisted = JsonCodec.encode(first.state());
            ExecutionState decoded = JsonCodec.decode(persisted, ExecutionState.class);
            assertThat(decoded).isEqualTo(first.state());
            ExecutionSimulator resumed = ExecutionSimulator.restore(config, decoded);
            actual.addAll(resumed.onBar(bars.get(2)));
            actual.addAll(resumed.onBar(bars.get(3)));

            assertThat(actual).isEqualTo(expected);
            assertThat(resumed.openOrders()).extracting(OrderView::id).containsExactly("l");
            assertThat(resumed.order("m").orElseThrow().status()).isEqualTo(FILLED);
            assertThat(statusSequence(resumed.submit(market("m", Side.BUY, "1", day(5))))).containsExactly(REJECTED);
        }
    }

    @Test
    void openOrdersListsOnlyOrdersThatCanStillFill() {
        ExecutionSimulator simulator = new ExecutionSimulator(DEFAULTS);
        simulator.submit(limit("resting", Side.BUY, "10", "50", day(0)));
        simulator.submit(market("filled", Side.BUY, "10", day(0)));
        simulator.onBar(bar(1, "102", "103", "101", "102"));

        assertThat(simulator.openOrders()).extracting(OrderView::id).containsExactly("resting");
        OrderView resting = simulator.openOrders().iterator().next();
        assertThat(resting.remainingQty()).isEqualByComparingTo("10");
        assertThat(resting.remainingNotional()).isNull();
        assertThat(resting.eligibleFrom()).isEqualTo(day(1));
        assertThat(simulator.order("missing")).isEmpty();
    }

    @Test
    void forgettingFinalOrdersKeepsOnlyWhatCanStillChange() {
        ExecutionSimulator simulator = new ExecutionSimulator(DEFAULTS);
        simulator.submit(limit("resting", Side.BUY, "10", "50", day(0)));
        simulator.submit(market("filled", Side.BUY, "10", day(0)));
        simulator.onBar(bar(1, "102", "103", "101", "102"));

        assertThat(simulator.forgetFinalOrders()).isEqualTo(1);

        assertThat(simulator.state().orders()).extracting(o -> o.order().id()).containsExactly("resting");
        assertThat(simulator.state().bars()).hasSize(1);
        assertThat(simulator.order("filled")).isEmpty();
        assertThat(simulator.forgetFinalOrders()).isZero();
        // the resting order goes on as before
        List<ExecutionEvent> later = simulator.onBar(bar(2, "49", "51", "48", "50"));
        assertThat(fills(later)).extracting(Fill::orderId).containsExactly("resting");
        assertThat(simulator.forgetFinalOrders()).isEqualTo(1);
        assertThat(simulator.state().orders()).isEmpty();
    }

    @Test
    void oneFillNeverExceedsTheOrderQuantity() {
        List<ExecutionEvent> events = run(DEFAULTS, market("o1", Side.BUY, "7", day(0)), bar(1, "10", "11", "9", "10"));
        assertThat(fills(events)).extracting(Fill::qty).containsExactly(new BigDecimal("7"));
    }
}
