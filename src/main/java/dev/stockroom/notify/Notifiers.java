package dev.stockroom.notify;

import dev.stockroom.config.ConfigNode;
import dev.stockroom.config.Nearest;
import dev.stockroom.pipeline.RunSummary;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifiers of a project, from the {@code notify:} list, and the fan-out to them. A notifier
 * that fails is logged with its secret-free reason; retrying is done per HTTP request, in
 * {@link Http} alone, so a message split in parts never resends a part that went. Nothing here
 * ever throws: a notification never fails a run. Notifiers are called one after another; the
 * worst case is the retry budget of {@link Http#RETRY} per request.
 */
public final class Notifiers implements dev.stockroom.pipeline.RunListener {

    private static final Logger LOG = LoggerFactory.getLogger(Notifiers.class);
    private static final Map<String, BiFunction<ConfigNode, Http, Notifier>> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put("telegram", TelegramNotifier::fromConfig);
        TYPES.put("slack", SlackNotifier::fromConfig);
        TYPES.put("webhook", WebhookNotifier::fromConfig);
        TYPES.put("healthchecks", HealthchecksNotifier::fromConfig);
    }

    private final List<Notifier> notifiers;

    public Notifiers(List<Notifier> notifiers) {
        this.notifiers = List.copyOf(notifiers);
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

    /** One call per notifier: each HTTP request inside it was already retried by {@link Http}. */
    private void deliver(String what, Notifier notifier, Call call) {
        try {
            call.on(notifier);
            LOG.debug("sent {} via {}", what, notifier.name());
        } catch (NotifyException e) {
            LOG.warn("could not send {} via {}: {}", what, notifier.name(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("could not send {} via {}: unexpected {}: {}", what, notifier.name(),
                    e.getClass().getSimpleName(), e.getMessage());
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
