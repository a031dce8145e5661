package dev.stockroom.source.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body as an InputStream that gives up when no bytes arrive for the read timeout.
 * The JDK's own {@code ofInputStream} times out only until the headers; a server that stalls
 * mid-body would hang a sync for ever. Buffers are requested one list at a time, so at most one
 * network chunk is held however large the body.
 */
final class TimedBody extends InputStream implements HttpResponse.BodySubscriber<InputStream> {

    private static final Object END = new Object();

    private final Duration timeout;
    private final BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
    private final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
    private Iterator<ByteBuffer> buffers;
    private ByteBuffer current;
    private boolean finished;
    private volatile boolean closed;

    TimedBody(Duration timeout) {
        this.timeout = timeout;
    }

    static HttpResponse.BodyHandler<InputStream> handler(Duration timeout) {
        return info -> new TimedBody(timeout);
    }

    @Override
    public CompletionStage<InputStream> getBody() {
        return CompletableFuture.completedStage(this);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription.complete(s);
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        arrived.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
        arrived.add(throwable);
    }

    @Override
    public void onComplete() {
        arrived.add(END);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("response body already closed");
        }
        if (len == 0) {
            return 0;
        }
        while (current == null || !current.hasRemaining()) {
            if (finished) {
                return -1;
            }
            if (buffers != null && buffers.hasNext()) {
                current = buffers.next();
                continue;
            }
            nextList();
        }
        int n = Math.min(len, current.remaining());
        current.get(b, off, n);
        return n;
    }

    private void nextList() throws IOException {
        Object item;
        try {
            item = arrived.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
            throw new InterruptedIOException("interrupted while reading the response");
        }
        if (item == null) {
            cancel();
            throw new SocketTimeoutException("no data for " + timeout.toMillis() + " ms while reading the response");
        }
        if (item == END) {
            finished = true;
        } else if (item instanceof Throwable t) {
            finished = true;
            throw t instanceof IOException io ? io : new IOException(t.getMessage(), t);
        } else {
            @SuppressWarnings("unchecked")
            List<ByteBuffer> list = (List<ByteBuffer>) item;
            buffers = list.iterator();
            subscription.join().request(1);
        }
    }

    private void cancel() {
        finished = true;
        subscription.thenAccept(Flow.Subscription::cancel);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (!finished) {
                // Unread rest of the body: drop the connection rather than drain it.
                cancel();
            }
        }
    }
}
