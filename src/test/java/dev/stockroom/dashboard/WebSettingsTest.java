package dev.stockroom.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockroom.config.ConfigException;
import dev.stockroom.config.ConfigNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The keys a proxy or TLS in front of the dashboard needs: defaults, reading, and a bad host named with its line. */
class WebSettingsTest {

    @Test
    void nothing_is_trusted_or_added_by_default() {
        assertThat(DashboardSettings.from(Optional.empty(), n -> null).web())
                .isEqualTo(new WebSettings(List.of(), false, false));
    }

    @Test
    void the_dashboard_section_reads_hosts_cookie_and_proxy() {
        ConfigNode node = ConfigNode.ofYaml("allowed_hosts: [Dash.Example.com, \"other.example:8443\"]\n"
                + "secure_cookie: true\nbehind_proxy: yes\n", "stockroom.yml");
        assertThat(DashboardSettings.from(Optional.of(node), n -> null).web()).isEqualTo(
                new WebSettings(List.of("dash.example.com", "other.example:8443"), true, true));
    }

    @Test
    void a_host_with_a_scheme_or_path_is_refused_with_its_line_and_an_example() {
        ConfigNode node = ConfigNode.ofYaml("port: 8080\nallowed_hosts: [\"https://dash.example.com/\"]\n",
                "stockroom.yml");
        assertThatThrownBy(() -> DashboardSettings.from(Optional.of(node), n -> null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("stockroom.yml:2")
                .hasMessageContaining("'https://dash.example.com/' is not a host name")
                .hasMessageContaining("e.g. dash.example.com");
    }

    @Test
    void forwarding_headers_count_only_behind_the_owners_proxy() {
        Request request = new Request("POST", "/login", "", java.util.Map.of(), java.util.Map.of(), java.util.Map.of(),
                "10.0.0.1", java.util.Map.of("x-forwarded-for", "6.6.6.6, 192.0.2.7", "x-forwarded-proto", "https"));
        Forwarding direct = new Forwarding(WebSettings.defaults());
        assertThat(direct.client(request)).as("a header anyone can write").isEqualTo("10.0.0.1");
        assertThat(direct.secure(request)).isFalse();
        Forwarding proxied = new Forwarding(new WebSettings(List.of(), false, true));
        assertThat(proxied.client(request)).as("the address the proxy appended, not the forgeable rest")
                .isEqualTo("192.0.2.7");
        assertThat(proxied.secure(request)).isTrue();
        assertThat(proxied.cookie("c", "v", java.time.Duration.ofSeconds(60), request))
                .isEqualTo("c=v; Path=/; HttpOnly; SameSite=Strict; Max-Age=60; Secure");
    }
}
