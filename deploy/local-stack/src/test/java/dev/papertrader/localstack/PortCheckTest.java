package dev.papertrader.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortCheckTest {

    @Test
    void chosenPortsAreBindableAndOutsideTheEphemeralRange() throws Exception {
        int ephemeralLow = PortCheck.ephemeralRangeLow();
        for (int i = 0; i < 20; i++) {
            int port = PortCheck.freePort("127.0.0.1");
            assertThat(port).isBetween(PortCheck.LOWEST_CHOSEN_PORT, ephemeralLow - 1);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
            }
        }
    }

    @Test
    void aBoundPortIsReportedTaken() throws Exception {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), PortCheck.freePort("127.0.0.1")));
            assertThat(PortCheck.isFree("127.0.0.1", socket.getLocalPort())).isFalse();
        }
    }
}
