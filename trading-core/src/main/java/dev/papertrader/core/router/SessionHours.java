package dev.papertrader.core.router;

import static dev.papertrader.core.model.Checks.required;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A trading session: the local times, in a zone, during which openings are allowed.
 * <p>
 * An instant is inside the session when, in {@code zone}, its time t satisfies {@code open ≤ t < close} on a day in
 * {@code days}. When {@code close} is before {@code open} the session crosses midnight (e.g. 18:00–17:00): then the
 * instant is inside when {@code t ≥ open} on a day in {@code days}, or {@code t < close} on the day after a day in
 * {@code days}. Daylight-saving changes follow the zone's rules.
 *
 * @param zone  time zone of the exchange, e.g. {@code America/New_York}
 * @param open  first local time inside the session (inclusive)
 * @param close first local time after the session (exclusive); must differ from {@code open}
 * @param days  the days on which a session opens; not empty
 */
public record SessionHours(ZoneId zone, LocalTime open, LocalTime close, Set<DayOfWeek> days) {

    public SessionHours {
        required(zone, "zone");
        required(open, "open");
        required(close, "close");
        required(days, "days");
        if (days.isEmpty()) {
            throw new IllegalArgumentException("days must not be empty");
        }
        if (open.equals(close)) {
            throw new IllegalArgumentException("open and close must differ, both were " + open);
        }
        days = Collections.unmodifiableSet(EnumSet.copyOf(days));
    }

    /** Monday to Friday, 09:30 to 16:00 New York time: the regular US equity session. */
    public static SessionHours usEquities() {
        return new SessionHours(ZoneId.of("America/New_York"), LocalTime.of(9, 30), LocalTime.of(16, 0),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
    }

    /** True when {@code instant} falls inside the session (rule in the class comment). */
    public boolean contains(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        LocalTime time = local.toLocalTime();
        DayOfWeek day = local.getDayOfWeek();
        if (open.isBefore(close)) {
            return days.contains(day) && !time.isBefore(open) && time.isBefore(close);
        }
        return (days.contains(day) && !time.isBefore(open)) || (days.contains(day.minus(1)) && time.isBefore(close));
    }

    /** E.g. {@code 09:30-16:00 America/New_York [MONDAY, TUESDAY]}, for rejection reasons. */
    String describe() {
        return open + "-" + close + " " + zone + " " + days;
    }
}
