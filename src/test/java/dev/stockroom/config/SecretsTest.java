package dev.stockroom.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one redactor: every form a secret takes is masked, and what is plainly not secret stays readable. */
class SecretsTest {

    /** A Stripe-like key with the characters JSON, URLs and base64 treat specially. */
    static final String KEY = "sk_live_AbC/dEf+GhI/jKl==";

    private static StockroomConfig load(String yaml, Map<String, String> env) {
        return ConfigLoader.parse(yaml, Path.of("/srv/shop/stockroom.yml"), new EnvSubstitution(env::get, Map.of()));
    }

    private static void registerKeyFromEnvironment() {
        load("""
                sources:
                  - name: pay
                    type: stripe
                    api_key: "${STRIPE_KEY}"
                """, Map.of("STRIPE_KEY", KEY)).sources().get(0).settings().string("api_key");
    }

    @Test
    void a_secret_is_masked_plain_json_escaped_url_encoded_and_html_escaped() throws Exception {
        registerKeyFromEnvironment();
        String json = new ObjectMapper().writeValueAsString(Map.of("error", "bad key " + KEY));
        String[] forms = {
                KEY,
                "sk_live_AbC\\/dEf+GhI\\/jKl==",                                   // JSON with escaped slashes
                "sk_live_AbC\\u002fdEf\\u002BGhI\\u002FjKl\\u003d\\u003D",          // JSON unicode escapes
                URLEncoder.encode(KEY, StandardCharsets.UTF_8),                     // %2F %2B %3D
                URLEncoder.encode(KEY, StandardCharsets.UTF_8).replace("%2F", "%2f"),  // lower-case hex
                "sk_live_AbC&#47;dEf&#x2b;GhI/jKl&#61;=",                           // HTML numeric entities
                "\\\"sk_live_AbC\\\\\\/dEf+GhI\\\\\\/jKl==\\\"",                    // JSON inside a JSON string
        };
        for (String form : forms) {
            String out = Secrets.redact("the vendor said: " + form + " (end)");
            assertThat(out).as(form).startsWith("the vendor said: ").endsWith(" (end)")
                    .doesNotContain("AbC").doesNotContain("GhI").doesNotContain("jKl");
        }
        assertThat(Secrets.redact(json)).doesNotContain("AbC").contains("bad key ***");
    }

    @Test
    void a_space_in_a_secret_is_masked_in_both_url_forms() {
        Secrets.register("correct horse battery staple");
        assertThat(Secrets.redact("q=correct+horse+battery+staple&x=1")).isEqualTo("q=***&x=1");
        assertThat(Secrets.redact("q=correct%20horse%20battery%20staple")).isEqualTo("q=***");
    }

    @Test
    void a_secret_is_masked_in_base64_alone_and_inside_a_longer_blob_at_every_offset() {
        String secret = "pw-Base64Secret-91x";
        Secrets.register(secret);
        Base64.Encoder std = Base64.getEncoder();
        Base64.Encoder url = Base64.getUrlEncoder();
        for (String prefix : new String[] {"", "a:", "ab:", "abc:", "user:", "someone@example.org:"}) {
            byte[] blob = (prefix + secret).getBytes(StandardCharsets.UTF_8);
            for (String encoded : new String[] {std.encodeToString(blob), url.encodeToString(blob),
                    url.withoutPadding().encodeToString(blob)}) {
                String out = Secrets.redact("Authorization: Basic " + encoded);
                assertThat(out).as(prefix + " -> " + encoded).contains("***");
                // What is left of the blob decodes to at most a character or two of the secret.
                String rest = out.substring(out.indexOf("Basic ") + 6).replace("***", "");
                assertThat(rest.length()).as(out).isLessThanOrEqualTo(std.encodeToString(prefix.getBytes()).length() + 4);
            }
        }
    }

    @Test
    void values_plainly_not_secret_stay_readable_even_from_the_environment() {
        StockroomConfig config = load("""
                warehouse: "jdbc:postgresql://127.0.0.1:${PG_PORT}/dw?user=dw&password=${DW_PASSWORD}"
                notify:
                  - telegram: { token: "${TELEGRAM_TOKEN}", chat_id: "${TELEGRAM_CHAT_ID}" }
                sources:
                  - name: site
                    type: files
                    streams:
                      - { name: members, path: "${EXPORT_DIR}/members.csv" }
                """, Map.of("PG_PORT", "54329", "DW_PASSWORD", "dw-Pa55word!", "TELEGRAM_TOKEN",
                "123456789:AAF-TelegramTok3n_x", "TELEGRAM_CHAT_ID", "-1001234567890", "EXPORT_DIR", "/srv/exports/v2"));
        config.notifiers().get(0).object("telegram").string("token");
        config.notifiers().get(0).object("telegram").string("chat_id");
        config.sources().get(0).settings().objects("streams").get(0).string("path");

        String out = Secrets.redact("connecting to 127.0.0.1:54329 as dw with dw-Pa55word! for chat -1001234567890 "
                + "via 123456789:AAF-TelegramTok3n_x reading /srv/exports/v2/members.csv");
        assertThat(out).contains("127.0.0.1:54329").contains("chat -1001234567890").contains("/srv/exports/v2")
                .doesNotContain("dw-Pa55word!").doesNotContain("TelegramTok3n");
    }

    @Test
    void secret_positions_are_masked_whether_registered_or_not() {
        assertThat(Secrets.redact("jdbc:mariadb://db/x?user=ro&password=NeverRegistered1&ssl=true"))
                .isEqualTo("jdbc:mariadb://db/x?user=ro&password=***&ssl=true");
        assertThat(Secrets.redact("https://ro:NeverRegistered2@db.internal/x")).isEqualTo("https://ro:***@db.internal/x");
        assertThat(Secrets.redact("GET /v1/x?api_key=NeverRegistered3&page=2")).isEqualTo("GET /v1/x?api_key=***&page=2");
        assertThat(Secrets.redact("{\"client_secret\":\"pi_1_secret_NeverRegistered4\",\"id\":\"pi_1\"}"))
                .isEqualTo("{\"client_secret\":\"***\",\"id\":\"pi_1\"}");
    }

    @Test
    void a_password_in_a_url_is_registered_and_masked_on_its_own_too() {
        load("warehouse: \"jdbc:postgresql://db/dw?user=dw&password=Lit3ral-In-Url\"\n", Map.of());
        assertThat(Secrets.redact("FATAL: password Lit3ral-In-Url was rejected")).doesNotContain("Lit3ral-In-Url");
    }

    @Test
    void names_are_judged_by_their_words() {
        assertThat(SecretRules.secretName("sources[2].auth.token")).isTrue();
        assertThat(SecretRules.secretName("sources[2].auth.value")).isTrue();
        assertThat(SecretRules.secretName("sources[0].admin_api_key")).isTrue();
        assertThat(SecretRules.secretName("notify[1].slack.webhook_url")).isTrue();
        assertThat(SecretRules.secretName("sources[2].headers.X-Api-Key")).isTrue();
        assertThat(SecretRules.secretName("SITE_DB_PASSWORD")).isTrue();
        assertThat(SecretRules.secretName("sentryDsn")).isTrue();
        assertThat(SecretRules.secretName("sources[2].auth.type")).isFalse();
        assertThat(SecretRules.secretName("sources[0].streams[0].primary_key[0]")).isFalse();
        assertThat(SecretRules.secretName("sources[1].credentials_file")).isFalse();
        assertThat(SecretRules.secretName("TELEGRAM_CHAT_ID")).isFalse();
        assertThat(SecretRules.secretName("PG_PORT")).isFalse();
    }
}
