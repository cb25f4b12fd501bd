package dev.papertrader.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/** Port probing, so a taken port is reported by name instead of as a bind error deep inside a server. */
public final class PortCheck {

    /** Lowest port handed out by {@link #freePort}; below it sit the well-known and usual development ports. */
    static final int LOWEST_CHOSEN_PORT = 20_000;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int DEFAULT_EPHEMERAL_LOW = 32_768;
    private static final int ATTEMPTS = 200;

    private PortCheck() {
    }

    /**
     * Fails when {@code port} cannot be bound on {@code host}.
     *
     * @param what the server that wants the port, for the message
     */
    public static void requireFree(String host, int port, String what) {
        if (!isFree(host, port)) {
            throw new IllegalStateException(what + " cannot listen on " + host + ":" + port
                    + ": the port is already in use (another instance still running?); choose another port");
        }
    }

    /** True when a server socket can be bound to {@code host:port} right now. */
    public static boolean isFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A port that was free on {@code host} a moment ago, for a server that binds it later.
     *
     * <p>It is chosen below the kernel's ephemeral range: a port the OS hands out for {@code bind(0)} is also one it
     * hands to outgoing connections, and a client connecting in between (to the database, say) could take it before
     * the server binds it.
     */
    public static int freePort(String host) {
        int ephemeralLow = ephemeralRangeLow();
        if (ephemeralLow - LOWEST_CHOSEN_PORT >= 1_000) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                int candidate = ThreadLocalRandom.current().nextInt(LOWEST_CHOSEN_PORT, ephemeralLow);
                if (isFree(host, candidate)) {
                    return candidate;
                }
            }
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + host, e);
        }
    }

    /** The first port of the kernel's ephemeral range, from procfs on Linux and the IANA default elsewhere. */
    static int ephemeralRangeLow() {
        // Read line-wise: procfs reports a size of 0 and Files.readString trusts sizes, returning a truncated value.
        try (BufferedReader reader = Files.newBufferedReader(EPHEMERAL_RANGE)) {
            String[] range = reader.readLine().trim().split("\\s+");
            return Integer.parseInt(range[0]);
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_LOW;
        }
    }
}
