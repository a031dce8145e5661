package dev.stockroom.source.http;

import java.io.IOException;

/** Consumes a successful response's body, e.g. streaming its records out. */
@FunctionalInterface
public interface BodyReader<T> {

    /**
     * @throws com.fasterxml.jackson.core.JsonProcessingException for a body that is not the
     *         expected JSON: a permanent failure
     * @throws IOException when the connection breaks while reading: a transient failure
     */
    T read(Response response) throws IOException;
}
