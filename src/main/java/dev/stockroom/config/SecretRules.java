package dev.stockroom.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which values are secrets, as data. A configured value is a secret when it sits under a key
 * that names one (token, password, api_key, ...), or comes from an environment variable whose
 * name does; the password of a URL is one wherever the URL appears. A value that is plainly not
 * secret (a port, a short number, a word of three letters) is never masked, because masking it
 * would garble every line that happens to hold it.
 */
final class SecretRules {

    /** Words of a key or variable name that mark its value secret ({@code SLACK_WEBHOOK}, {@code api_key}). */
    static final Set<String> SECRET_WORDS = Set.of("token", "secret", "password", "passwd", "pwd", "pass",
            "passphrase", "key", "apikey", "credential", "credentials", "auth", "authorization", "dsn", "webhook",
            "signature", "cookie", "session", "jwt", "bearer", "private");

    /** Last words that name something beside a secret ({@code credentials_file}, {@code private_key_id}). */
    static final Set<String> NOT_SECRET_LAST_WORDS = Set.of("file", "path", "dir", "id", "port", "host", "user",
            "username", "type", "name", "in", "header", "param", "days", "version");

    /** Whole names that read like secrets and are not. */
    static final Set<String> NOT_SECRET_NAMES = Set.of("primary_key", "primary_keys");

    /** Keys whose value is a secret whatever their name says: the value of an api_key auth block. */
    static final List<Pattern> SECRET_PATHS = List.of(Pattern.compile("(^|\\.)auth\\.value$"));

    /** Shorter values are never masked: "abc" would be masked inside every word that holds it. */
    static final int MIN_LENGTH = 4;

    /** Whole numbers up to this many digits are ports, ids and counts, not secrets. */
    static final int MAX_PLAIN_NUMBER_DIGITS = 7;

    /**
     * A secret recognised by its place in text: group 1 is kept, the rest of the match becomes
     * {@code ***}, a group 2 is kept after it. The pattern only runs on text whose lower-case form
     * holds one of the triggers, since most lines hold none and a regular expression is slow.
     */
    record Position(Pattern pattern, List<String> triggers) {
        Position(String regex, String... triggers) {
            this(Pattern.compile(regex), List.of(triggers));
        }
    }

    /** The password of a JDBC URL ({@code password=}) and the userinfo of any URL ({@code ://user:pw@}). */
    static final List<Position> URL_CREDENTIALS = List.of(
            new Position("(?i)([?&;]?(?:password|passwd|pwd)=)[^&;\\s\"'<>]+", "password=", "passwd=", "pwd="),
            new Position("(://[^/@\\s:\"'<>]+:)[^/@\\s\"'<>]+(@)", "://"));

    /**
     * Secrets recognised by their position in any text, registered or not: the {@link
     * #URL_CREDENTIALS}, credential query parameters, bearer tokens, and credential keys of JSON.
     */
    static final List<Position> POSITIONS = List.of(
            URL_CREDENTIALS.get(0),
            URL_CREDENTIALS.get(1),
            new Position("(?i)([?&](?:api_?key|key|token|access_token|secret|sig|signature)=)[^&\\s\"'<>]+",
                    "key=", "token=", "secret=", "sig=", "signature="),
            new Position("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]{8,}", "bearer"),
            new Position("(?i)(\"(?:[a-z0-9]+_)*(?:password|secret|token|api_?key)\"\\s*:\\s*\")(?:[^\"\\\\]|\\\\.)+(\")",
                    "password\"", "secret\"", "token\"", "key\""));

    private static final Pattern WORD_BREAK = Pattern.compile("[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])");
    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d{1," + MAX_PLAIN_NUMBER_DIGITS + "}");

    private SecretRules() {
    }

    /**
     * Whether a key path ({@code sources[2].auth.token}, {@code notify[0].telegram.chat_id}) or a
     * variable name ({@code TELEGRAM_TOKEN}) names a secret. Only the last key counts, so that
     * {@code auth.type} is not a secret though it sits under {@code auth}.
     */
    static boolean secretName(String pathOrName) {
        if (pathOrName == null || pathOrName.isEmpty()) {
            return false;
        }
        for (Pattern p : SECRET_PATHS) {
            if (p.matcher(pathOrName).find()) {
                return true;
            }
        }
        String last = pathOrName.substring(pathOrName.lastIndexOf('.') + 1).replaceAll("\\[\\d+]$", "");
        if (NOT_SECRET_NAMES.contains(last.toLowerCase(Locale.ROOT))) {
            return false;
        }
        List<String> words = Arrays.stream(WORD_BREAK.split(last)).filter(w -> !w.isEmpty())
                .map(w -> w.toLowerCase(Locale.ROOT)).toList();
        if (words.isEmpty() || NOT_SECRET_LAST_WORDS.contains(words.get(words.size() - 1))) {
            return false;
        }
        return words.stream().anyMatch(SECRET_WORDS::contains);
    }

    /** A value too short or too plain to be a secret worth masking. */
    static boolean plainlyNotSecret(String value) {
        if (value == null) {
            return true;
        }
        String v = value.strip();
        return v.length() < MIN_LENGTH || PLAIN_NUMBER.matcher(v).matches()
                || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false");
    }
}
