package dev.stockroom.cli;

/** The exit codes of SPEC §1, part of the user-facing contract. */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int CONFIG = 2;
    public static final int LOCKED = 3;
    public static final int STALE = 4;

    private ExitCodes() {
    }
}
