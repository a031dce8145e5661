package dev.stockroom.source.http;

import dev.stockroom.source.SourceException;

/**
 * A permanent HTTP failure (4xx other than throttling) with its status, so that a connector can
 * turn one that means "your plan lacks this" (Kit's 403 on broadcast stats) into a fallback.
 */
public final class HttpStatusException extends SourceException {

    private final int status;

    HttpStatusException(int status, String message) {
        super(message, false, null);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
