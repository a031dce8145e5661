package dev.stockroom.source;

/**
 * The vendor account cannot serve this stream (a GA4 property without the custom dimension a
 * report needs, a plan without the endpoint): the run skips the stream with this message as a
 * warning in its summary and in {@code status}, instead of failing it every day. The message says
 * what to change at the vendor, or how to turn the stream off ({@code exclude_streams}).
 */
public final class StreamUnavailableException extends SourceException {

    public StreamUnavailableException(String message) {
        super(message, false, null);
    }
}
