package dev.papertrader.monitor.event;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An event another service published, as the monitor received it, kept for display.
 *
 * @param seq     arrival number, increasing (1, 2, 3...) since the service started
 * @param address where it was published: {@code trading.fills}, {@code portfolio.updates}, {@code trading.decisions}
 * @param type    its kind: {@code fill}, {@code order-status}, {@code slice-end}, {@code snapshot}, {@code decision}
 * @param id      its message id (a snapshot without one: {@code snapshot|account|asOf})
 * @param body    its JSON body as received
 */
@Schema(description = "An event of another service, as the monitor received it")
public record MonitoredEvent(long seq, String address, String type, String id,
        @Schema(implementation = Object.class) JsonNode body) {
}
