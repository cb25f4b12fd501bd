package dev.papertrader.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FaultScheduleTests {

    private static final List<String> SERVICES = List.of("monitor", "router", "orders", "portfolio");

    @Test
    void theSameSeedGivesTheSameScheduleAndAnotherSeedAnother() {
        assertThat(FaultSchedule.draw(7, SERVICES, 10_000)).isEqualTo(FaultSchedule.draw(7, SERVICES, 10_000));
        assertThat(FaultSchedule.draw(8, SERVICES, 10_000).faults()).isNotEqualTo(FaultSchedule.draw(7, SERVICES, 10_000).faults());
    }

    @Test
    void everyServiceIsKilledOnceBesideOneBrokerRestartOnePostgresRestartAndOnePoisonBatch() {
        FaultSchedule schedule = FaultSchedule.draw(1, SERVICES, 1000);
        assertThat(schedule.faults()).hasSize(7);
        assertThat(schedule.faults().stream().filter(fault -> fault.kind() == FaultSchedule.Kind.SIGKILL)
                .map(FaultSchedule.Fault::target)).containsExactlyInAnyOrderElementsOf(SERVICES);
        assertThat(schedule.faults().stream().map(FaultSchedule.Fault::kind).filter(kind -> kind != FaultSchedule.Kind.SIGKILL))
                .containsExactlyInAnyOrder(FaultSchedule.Kind.BROKER_RESTART, FaultSchedule.Kind.DATABASE_RESTART,
                        FaultSchedule.Kind.POISON);
    }

    @Test
    void faultsStrikeInOrderWithinFiveToEightyFivePercentOfTheReplayAndPoisonInTheSecondHalf() {
        for (long seed = 1; seed <= 50; seed++) {
            FaultSchedule schedule = FaultSchedule.draw(seed, SERVICES, 1000);
            assertThat(schedule.faults()).isSortedAccordingTo(java.util.Comparator.comparingLong(FaultSchedule.Fault::afterBar));
            assertThat(schedule.faults()).allSatisfy(fault -> assertThat(fault.afterBar()).isBetween(50L, 849L));
            assertThat(schedule.faults()).filteredOn(fault -> fault.kind() == FaultSchedule.Kind.POISON)
                    .allSatisfy(fault -> assertThat(fault.afterBar()).isBetween(450L, 849L));
        }
    }
}
