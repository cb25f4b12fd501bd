package dev.papertrader.router.alpaca;

import jakarta.enterprise.context.RequestScoped;

/** The account of the request's API key, set by {@link AlpacaAuthFilter} on every {@code /v2} request. */
@RequestScoped
public class AlpacaCaller {

    private String accountId;

    void authenticated(String accountId) {
        this.accountId = accountId;
    }

    /** The key's account: the account every call acts on. */
    public String accountId() {
        if (accountId == null) {
            throw AlpacaException.unauthorized();
        }
        return accountId;
    }
}
