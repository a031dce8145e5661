package dev.stockroom.cli;

/** Another run holds what this one needs: exit code 3. */
public final class LockedException extends RuntimeException {

    public LockedException(String message) {
        super(message);
    }
}
