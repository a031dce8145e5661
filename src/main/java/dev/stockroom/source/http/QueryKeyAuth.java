package dev.stockroom.source.http;

/** An API key sent as a query parameter. URLs carrying it are redacted through the registered key. */
final class QueryKeyAuth implements Auth {

    private final String param;
    private final String key;
    private final String hint;

    QueryKeyAuth(String param, String key, String hint) {
        this.param = param;
        this.key = key;
        this.hint = hint;
    }

    @Override
    public Request authorize(Request request) {
        return request.withParam(param, key);
    }

    @Override
    public String hint() {
        return hint;
    }

    @Override
    public String toString() {
        return "query " + param + "=***";
    }
}
