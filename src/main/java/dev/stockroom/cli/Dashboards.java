package dev.stockroom.cli;

/** Starts the dashboard server for a project. */
final class Dashboards {

    private Dashboards() {
    }

    static AutoCloseable serve(Project project, String bind, int port) {
        throw new UnsupportedOperationException("the dashboard server is not wired yet");
    }
}
