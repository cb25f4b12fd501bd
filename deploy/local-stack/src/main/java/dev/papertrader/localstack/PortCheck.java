package dev.papertrader.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port probing, so a taken port is reported by name instead of as a bind error deep inside a server. */
public final class PortCheck {

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

    /** A port that was free on {@code host} a moment ago (the OS picks it). */
    public static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + host, e);
        }
    }
}
