package dev.papertrader.monitor.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One message of the alerts stream, sent as JSON text:
 * {@code {"type":"fill","time":"2013-03-05T00:00:00Z","symbol":"AAPL","account":"default","payload":{...}}}.
 *
 * @param type    what happened ({@link AlertType#wireName()})
 * @param time    its event time (a bar's open time: filled at, decided at, as of); for feed status and the
 *                connection notices, when the monitor noticed it
 * @param symbol  the instrument it is about, absent for account-wide and feed events
 * @param account the account it is about, absent for signals and feed events
 * @param payload the message as published on AMQP (docs/contracts.md), or the notice's fields
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "An event of the alerts WebSocket")
public record AlertEvent(@Schema(implementation = String.class) AlertType type, Instant time, String symbol,
        String account, @Schema(implementation = Object.class) Object payload) {
}
