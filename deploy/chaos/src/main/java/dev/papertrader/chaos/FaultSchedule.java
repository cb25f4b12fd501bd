package dev.papertrader.chaos;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The faults of one trial and when each strikes, drawn from a seeded {@link Random}: one SIGKILL per service, one
 * broker restart, one PostgreSQL restart and one poison batch, each at a moment given as the number of bars the
 * monitor has published, uniform in [5 %, 85 %) of the replay ([45 %, 85 %) for the poison). The same seed gives the same schedule.
 */
record FaultSchedule(long seed, List<Fault> faults) {

    enum Kind {
        SIGKILL("SIGKILL + restart"), BROKER_RESTART("broker restart"), DATABASE_RESTART("PostgreSQL restart"),
        POISON("poison batch");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /**
     * @param target   the service killed, or empty
     * @param afterBar strikes once the monitor has published this many bars
     */
    record Fault(Kind kind, String target, long afterBar) {

        String describe() {
            return kind.label + (target.isEmpty() ? "" : " " + target) + " after bar " + afterBar;
        }
    }

    static FaultSchedule draw(long seed, List<String> services, long totalBars) {
        Random random = new Random(seed);
        List<Fault> faults = new ArrayList<>();
        for (String service : services) {
            faults.add(new Fault(Kind.SIGKILL, service, moment(random, totalBars)));
        }
        faults.add(new Fault(Kind.BROKER_RESTART, "", moment(random, totalBars)));
        faults.add(new Fault(Kind.DATABASE_RESTART, "", moment(random, totalBars)));
        // the poison batch in the second half, so that every address has carried real messages to break
        faults.add(new Fault(Kind.POISON, "", (long) (totalBars * (0.45 + 0.40 * random.nextDouble()))));
        faults.sort(Comparator.comparingLong(Fault::afterBar));
        return new FaultSchedule(seed, List.copyOf(faults));
    }

    private static long moment(Random random, long totalBars) {
        return (long) (totalBars * (0.05 + 0.80 * random.nextDouble()));
    }
}
