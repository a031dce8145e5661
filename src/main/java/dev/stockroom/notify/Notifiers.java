package dev.stockroom.notify;

import dev.stockroom.config.ConfigNode;
import dev.stockroom.config.Nearest;
import dev.stockroom.pipeline.RunSummary;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifiers of a project, from the {@code notify:} list, and the fan-out to them. A notifier
 * that fails is logged with its secret-free reason; a transient failure is tried again twice
 * after a short pause. Nothing here ever throws: a notification never fails a run. Notifiers are
 * called one after another; the worst case is three 10 s timeouts each.
 */
public final class Notifiers implements dev.stockroom.pipeline.RunListener {

    static final int RETRIES = 2;
    static final Duration BACKOFF = Duration.ofMillis(500);
    private static final Logger LOG = LoggerFactory.getLogger(Notifiers.class);
    private static final Map<String, BiFunction<ConfigNode, Http, Notifier>> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put("telegram", TelegramNotifier::fromConfig);
        TYPES.put("slack", SlackNotifier::fromConfig);
        TYPES.put("webhook", WebhookNotifier::fromConfig);
        TYPES.put("healthchecks", HealthchecksNotifier::fromConfig);
    }

    private final List<Notifier> notifiers;
    private final Sleeper backoff;

    public Notifiers(List<Notifier> notifiers) {
        this(notifiers, Sleeper.REAL);
    }

    Notifiers(List<Notifier> notifiers, Sleeper backoff) {
        this.notifiers = List.copyOf(notifiers);
        this.backoff = backoff;
    }

    /** Reads {@code notify:} items such as {@code - telegram: {token, chat_id}}; fails fast on errors. */
    public static List<Notifier> fromConfig(List<ConfigNode> nodes) {
        return fromConfig(nodes, Http.standard());
    }

    static List<Notifier> fromConfig(List<ConfigNode> nodes, Http http) {
        List<Notifier> out = new ArrayList<>();
        for (ConfigNode node : nodes) {
            String type = node.singleKey();
            BiFunction<ConfigNode, Http, Notifier> factory = TYPES.get(type);
            if (factory == null) {
                throw node.error(type, "unknown notifier '" + type + "'" + Nearest.hint(type, TYPES.keySet())
                        + " (valid: " + String.join(", ", TYPES.keySet()) + ")");
            }
            out.add(factory.apply(node.object(type), http));
            node.finish();
        }
        return out;
    }

    /** Tells every notifier a run began. */
    @Override
    public void runStarted(String runId) {
        runStarted();
    }

    public void runStarted() {
        each("run start", Notifier::runStarted);
    }

    /** Sends the run's summary everywhere. Signature as {@code RunListener.runFinished}. */
    @Override
    public void runFinished(RunSummary summary) {
        each("run summary", n -> n.runFinished(summary));
    }

    /** Sends an alert ("stream web.pages is stale since ...", "... recovered") everywhere. */
    public void sendText(String subject, String body) {
        each("alert", n -> n.sendText(subject, body));
    }

    private interface Call {
        void on(Notifier notifier) throws NotifyException;
    }

    private void each(String what, Call call) {
        for (Notifier notifier : notifiers) {
            deliver(what, notifier, call);
        }
    }

    private void deliver(String what, Notifier notifier, Call call) {
        for (int attempt = 0; ; attempt++) {
            try {
                call.on(notifier);
                LOG.debug("sent {} via {}", what, notifier.name());
                return;
            } catch (NotifyException e) {
                boolean again = e.isTransient() && attempt < RETRIES;
                LOG.warn("could not send {} via {}: {}{}", what, notifier.name(), e.getMessage(),
                        again ? "; trying again" : "");
                if (!again || !pause(attempt)) {
                    return;
                }
            } catch (RuntimeException e) {
                LOG.warn("could not send {} via {}: unexpected {}: {}", what, notifier.name(),
                        e.getClass().getSimpleName(), e.getMessage());
                return;
            }
        }
    }

    private boolean pause(int attempt) {
        try {
            backoff.sleep(BACKOFF.multipliedBy(1L << attempt));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Fails the config when {@code value} is not an http(s) URL, without echoing it (it may be secret). */
    static void requireHttpUrl(ConfigNode node, String key, String value) {
        try {
            URI uri = new URI(value);
            if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null) {
                return;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below, without the value
        }
        throw node.error(key, "expected an http:// or https:// URL (value not shown: it may be secret)");
    }
}
