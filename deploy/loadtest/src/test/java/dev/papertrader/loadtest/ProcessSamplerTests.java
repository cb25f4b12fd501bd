package dev.papertrader.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessSamplerTests {

    @Test
    void cpuTicksAreUtimePlusStimeCountedAfterTheCommandName() {
        // fields: pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
        String stat = "4242 (java main) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 56 0 0 20 0 30 0 999 123456 789";

        assertThat(ProcessSampler.cpuTicks(stat)).isEqualTo(1234 + 56);
    }

    @Test
    void residentMemoryIsVmRss() {
        String status = "Name:\tjava\nVmPeak:\t 900000 kB\nVmRSS:\t  123456 kB\nThreads:\t40\n";

        assertThat(ProcessSampler.residentKb(status)).isEqualTo(123456);
        assertThat(ProcessSampler.residentKb("Name:\tzombie\nState:\tZ\n")).isZero();
    }

    @Test
    void samplesThisProcess() throws InterruptedException {
        long self = ProcessHandle.current().pid();
        try (ProcessSampler sampler = new ProcessSampler(java.util.Map.of("self", () -> java.util.List.of(self)))) {
            sampler.start();
            long end = System.nanoTime() + 1_300_000_000L;
            long spin = 0;
            while (System.nanoTime() < end) {
                spin += Long.numberOfTrailingZeros(System.nanoTime()); // keep one core busy
            }
            assertThat(spin).isPositive();
            ProcessSampler.Usage usage = sampler.usage().get("self");
            assertThat(usage.samples()).isGreaterThanOrEqualTo(1);
            assertThat(usage.peakRssKb()).isGreaterThan(10_000); // a JVM holds more than 10 MB
            assertThat(usage.peakCpuCores()).isGreaterThan(0);
        }
    }
}
