package dev.stockroom.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one redactor. Every exit of text from the process passes through {@link #redact}: the
 * console streams (log lines and stack traces included), {@code stockroom.runs.error},
 * notification bodies and dashboard pages. It masks each registered secret in all the forms of
 * {@link SecretForms} and the secrets {@link SecretRules#POSITIONS} recognise by their place.
 * Which configured values get registered is decided by {@link SecretRules} as the config is read.
 */
public final class Secrets {

    /** Tokens minted at run time (JWTs, OAuth access tokens) kept for masking; older ones have expired. */
    static final int SHORT_LIVED_KEPT = 16;
    static final String MASK = "***";

    private static final Set<String> LASTING = new LinkedHashSet<>();
    private static final Deque<String> SHORT_LIVED = new ArrayDeque<>();
    private static volatile Compiled compiled = Compiled.of(List.of());

    private Secrets() {
    }

    /** Remembers a value to be masked wherever it shows up; a value {@link SecretRules} calls plain is ignored. */
    public static void register(String secret) {
        if (SecretRules.plainlyNotSecret(secret)) {
            return;
        }
        synchronized (Secrets.class) {
            boolean added = LASTING.add(secret);
            // A multi-line secret (a PEM private key) is printed line by line as often as whole.
            for (String line : secret.split("\\R")) {
                if (line.strip().length() >= 16) {
                    added |= LASTING.add(line.strip());
                }
            }
            if (added) {
                recompile();
            }
        }
    }

    /** Remembers a token that expires soon; only the newest {@link #SHORT_LIVED_KEPT} are kept. */
    public static void registerShortLived(String token) {
        if (SecretRules.plainlyNotSecret(token)) {
            return;
        }
        synchronized (Secrets.class) {
            if (SHORT_LIVED.contains(token)) {
                return;
            }
            SHORT_LIVED.addLast(token);
            while (SHORT_LIVED.size() > SHORT_LIVED_KEPT) {
                SHORT_LIVED.removeFirst();
            }
            recompile();
        }
    }

    /**
     * Registers a configured value if it is a secret by its key path or by the name of the
     * environment variable it came from, and the password of any URL inside it in any case.
     *
     * @param keyPath   e.g. {@code sources[1].auth.token}
     * @param variables the names of the {@code ${VARIABLES}} substituted into it, empty for a literal
     */
    static void registerConfigured(String keyPath, List<String> variables, String value) {
        if (value == null) {
            return;
        }
        if (SecretRules.secretName(keyPath) || variables.stream().anyMatch(SecretRules::secretName)) {
            register(value);
        }
        for (SecretRules.Position position : SecretRules.URL_CREDENTIALS) {
            Matcher m = position.pattern().matcher(value);
            while (m.find()) {
                String credential = value.substring(m.end(1), m.groupCount() >= 2 ? m.start(2) : m.end());
                register(credential);
                try {
                    register(URLDecoder.decode(credential.replace("+", "%2B"), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException notEncoded) {
                    // a stray % in the password: the literal value registered above is what appears
                }
            }
        }
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return compiled.apply(text);
    }

    private static void recompile() {
        List<String> all = new ArrayList<>(LASTING);
        all.addAll(SHORT_LIVED);
        compiled = Compiled.of(all);
    }

    /**
     * The secrets' forms as one pattern, longest first. Every form holds its anchor literally, so
     * text that contains no anchor cannot match and skips the pattern. {@link String#contains} per
     * anchor decides that quickly even for a page of many megabytes, where running the alternation
     * at every position would take minutes.
     */
    private record Compiled(Pattern forms, List<String> anchors) {

        static Compiled of(List<String> secrets) {
            List<SecretForms.Form> forms = new ArrayList<>();
            for (String s : secrets) {
                forms.addAll(SecretForms.of(s));
            }
            if (forms.isEmpty()) {
                return new Compiled(null, List.of());
            }
            forms.sort(Comparator.comparingInt((SecretForms.Form f) -> f.regex().length()).reversed());
            StringBuilder regex = new StringBuilder();
            Set<String> anchors = new LinkedHashSet<>();
            for (SecretForms.Form f : forms) {
                regex.append(regex.length() == 0 ? "" : "|").append(f.regex());
                anchors.add(f.anchor());
            }
            return new Compiled(Pattern.compile(regex.toString()), List.copyOf(anchors));
        }

        private boolean mayHold(String text) {
            for (String anchor : anchors) {
                if (text.contains(anchor)) {
                    return true;
                }
            }
            return false;
        }

        String apply(String text) {
            String out = text;
            if (forms != null && mayHold(text)) {
                out = forms.matcher(out).replaceAll(MASK);
            }
            String lower = out.toLowerCase(Locale.ROOT);
            for (SecretRules.Position position : SecretRules.POSITIONS) {
                if (position.triggers().stream().noneMatch(lower::contains)) {
                    continue;
                }
                Matcher m = position.pattern().matcher(out);
                if (m.find()) {
                    out = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + MASK
                            + (r.groupCount() >= 2 && r.group(2) != null ? r.group(2) : "")));
                }
            }
            return out;
        }
    }
}
