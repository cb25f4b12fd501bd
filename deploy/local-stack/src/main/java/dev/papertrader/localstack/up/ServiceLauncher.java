package dev.papertrader.localstack.up;

import java.util.List;

/** Turns a service into the command line of its process. */
@FunctionalInterface
public interface ServiceLauncher {

    /**
     * The command that runs {@code service}; its configuration comes through the environment.
     *
     * @throws LocalStackException when the service cannot be run (e.g. it was not built), with the fix in the message
     */
    List<String> command(ServiceSpec service);
}
