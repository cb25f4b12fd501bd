package dev.papertrader.service.rest;

import java.util.List;

/**
 * One page of a list endpoint's results.
 *
 * @param items the results on this page, in the endpoint's order
 * @param page  zero-based page number
 * @param size  the page size asked for
 * @param total how many results all pages hold
 */
public record Page<T>(List<T> items, int page, int size, long total) {

    public Page {
        items = List.copyOf(items);
    }
}
