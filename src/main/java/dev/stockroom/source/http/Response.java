package dev.stockroom.source.http;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;

/**
 * A successful response whose body is still on the wire: read it as a stream, never whole.
 *
 * @param body the decoded body (gzip already undone); closed by the client afterwards
 */
public record Response(int status, URI uri, HttpHeaders headers, InputStream body) {
}
