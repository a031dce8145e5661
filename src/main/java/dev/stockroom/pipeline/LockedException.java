package dev.stockroom.pipeline;

/** Another run holds what this one needs (a source's lock, the warehouse file): exit code 3. */
public final class LockedException extends RuntimeException {

    public LockedException(String message) {
        super(message);
    }
}
