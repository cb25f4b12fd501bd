package dev.papertrader.router.repository;

/**
 * Which decisions to list; a null criterion matches everything.
 *
 * @param symbol   exact symbol
 * @param strategy exact strategy name
 * @param accepted accepted (true) or rejected (false) decisions only
 * @param rule     exact rule, e.g. {@code long-only} or {@code accepted}
 */
public record DecisionQuery(String symbol, String strategy, Boolean accepted, String rule) {
}
