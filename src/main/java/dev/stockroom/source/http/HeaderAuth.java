package dev.stockroom.source.http;

/** Credentials that are one fixed header (bearer, basic, API key header); null header means none. */
final class HeaderAuth implements Auth {

    private final String header;
    private final String value;
    private final String hint;

    HeaderAuth(String header, String value, String hint) {
        this.header = header;
        this.value = value;
        this.hint = hint;
    }

    @Override
    public Request authorize(Request request) {
        return header == null ? request : request.withHeader(header, value);
    }

    @Override
    public String hint() {
        return hint;
    }

    @Override
    public String toString() {
        return header == null ? "no auth" : "header " + header + ": ***";
    }
}
