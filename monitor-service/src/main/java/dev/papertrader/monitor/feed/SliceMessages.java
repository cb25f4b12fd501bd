package dev.papertrader.monitor.feed;

import dev.papertrader.core.model.Bar;
import dev.papertrader.core.model.Signal;
import dev.papertrader.core.model.SliceEnd;
import dev.papertrader.service.messaging.OutgoingMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages of one slice, in the order the watermark protocol of docs/contracts.md requires: every bar (kind
 * {@code bar}) on {@value #MARKET_BARS} in slice order, then {@code slice-end(t, bar count)} there; then every signal
 * (kind {@code signal}) on {@value #TRADING_SIGNALS} in emission order, then {@code slice-end(t, signal count)}
 * there. Both slice-ends are sent even when the slice produced no signal: downstream services wait for them. The
 * bars' slice-end also names the previous slice.
 */
public final class SliceMessages {

    public static final String MARKET_BARS = "market.bars";
    public static final String TRADING_SIGNALS = "trading.signals";
    /** The {@code source} of the monitor's slice-ends. */
    public static final String SOURCE = "monitor";

    private SliceMessages() {
    }

    /**
     * @param previous the slice published before this one (null for the first): the bars' slice-end names it, so
     *                 that the order service never processes this slice before that one
     */
    public static List<OutgoingMessage> of(TimeSlice slice, List<Signal> signals, Instant previous) {
        List<OutgoingMessage> messages = new ArrayList<>(slice.bars().size() + signals.size() + 2);
        for (Bar bar : slice.bars()) {
            messages.add(OutgoingMessage.of(MARKET_BARS, bar));
        }
        messages.add(OutgoingMessage.of(MARKET_BARS, SliceEnd.of(SOURCE, MARKET_BARS, slice.time(), slice.bars().size(),
                previous)));
        for (Signal signal : signals) {
            messages.add(OutgoingMessage.of(TRADING_SIGNALS, signal));
        }
        messages.add(OutgoingMessage.of(TRADING_SIGNALS, SliceEnd.of(SOURCE, TRADING_SIGNALS, slice.time(),
                signals.size())));
        return messages;
    }
}
