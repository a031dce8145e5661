package dev.stockroom.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockroom.config.ConfigNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Date ranges, placeholders, the read-only guard and settings. */
class DashboardUnitsTest {

    static final LocalDate TODAY = LocalDate.of(2024, 5, 15);

    @Test
    void presets_end_yesterday_or_today_and_the_previous_period_has_the_same_length() {
        DateRange last7 = DateRange.fromQuery(Map.of("range", "last7"), TODAY);
        assertThat(last7.start()).isEqualTo("2024-05-08");
        assertThat(last7.end()).isEqualTo("2024-05-14");
        assertThat(last7.previous().start()).isEqualTo("2024-05-01");
        assertThat(last7.previous().end()).isEqualTo("2024-05-07");
        assertThat(DateRange.fromQuery(Map.of("range", "qtd"), TODAY).start()).isEqualTo("2024-04-01");
        assertThat(DateRange.fromQuery(Map.of("range", "ytd"), TODAY).start()).isEqualTo("2024-01-01");
        assertThat(DateRange.fromQuery(Map.of(), TODAY).preset()).isEqualTo("last30");
    }

    @Test
    void a_range_survives_a_round_trip_through_the_url() {
        DateRange custom = DateRange.fromQuery(Map.of("range", "custom", "start", "2024-02-01", "end", "2024-02-29",
                "compare", "1", "grain", "week"), TODAY);
        assertThat(custom.toQuery()).isEqualTo("range=custom&start=2024-02-01&end=2024-02-29&compare=1&grain=week");
        assertThat(DateRange.fromQuery(Request.parse(custom.toQuery()), TODAY)).isEqualTo(custom);
    }

    @Test
    void bad_url_values_fall_back_and_say_so() {
        DateRange r = DateRange.fromQuery(Map.of("range", "custom", "start", "2024-02-01'; DROP TABLE x; --",
                "end", "2024-02-29", "grain", "hour; DROP"), TODAY);
        assertThat(r.preset()).isEqualTo("last30");
        assertThat(r.grain()).isEqualTo(Grain.DAY);
        assertThat(r.problem()).contains("2024-01-31");
    }

    @Test
    void placeholders_become_date_literals_and_a_whitelisted_grain() {
        DateRange r = DateRange.fromQuery(Map.of("range", "last7", "grain", "month"), TODAY);
        assertThat(SqlTemplate.render("WHERE d BETWEEN {{start}} AND {{ end }} OR d = '{{start}}' "
                + "GROUP BY date_trunc({{grain}}, d)", r))
                .isEqualTo("WHERE d BETWEEN DATE '2024-05-08' AND DATE '2024-05-14' OR d = '2024-05-08' "
                        + "GROUP BY date_trunc('month', d)");
        assertThatThrownBy(() -> SqlTemplate.render("{{ user }}", r)).hasMessageContaining("{{start}}, {{end}}");
    }

    @Test
    void the_guard_lets_reads_through_and_refuses_anything_else() throws Exception {
        assertThat(ReadOnlySql.check("  with x as (select 1) select * from x; ")).isEqualTo(
                "with x as (select 1) select * from x");
        assertThat(ReadOnlySql.check("SELECT 'a;b' AS \"delete\" -- drop table\n")).startsWith("SELECT 'a;b'");
        for (String sql : new String[] {"DELETE FROM t", "create table t (i int)", "SELECT 1; DROP TABLE t",
            "COPY t TO 'x'", "ATTACH 'x.db'", "PRAGMA x", "EXPLAIN ANALYZE DELETE FROM t", "", "-- nothing"}) {
            assertThatThrownBy(() -> ReadOnlySql.check(sql)).as(sql).isInstanceOf(ReadOnlySql.Refused.class);
        }
    }

    @Test
    void settings_have_safe_defaults_and_the_environment_password_wins() {
        DashboardSettings d = DashboardSettings.from(Optional.empty(), name -> null);
        assertThat(d).isEqualTo(new DashboardSettings("127.0.0.1", 8080, Optional.empty(), 10_000,
                Duration.ofSeconds(30), 50L << 20, Optional.empty(), WebSettings.defaults()));
        ConfigNode node = ConfigNode.ofYaml("bind: 0.0.0.0\nport: 9000\npassword: from-file\nrow_limit: 50\n"
                + "query_timeout: 5m\nbyte_limit: 2MB\nwarehouse: jdbc:postgresql://db/w?user=reader\n", "stockroom.yml");
        DashboardSettings s = DashboardSettings.from(Optional.of(node), name -> name.equals("STOCKROOM_PASSWORD")
                ? "from-env" : null);
        assertThat(s).isEqualTo(new DashboardSettings("0.0.0.0", 9000, Optional.of("from-env"), 50,
                Duration.ofMinutes(5), 2L << 20, Optional.of("jdbc:postgresql://db/w?user=reader"),
                WebSettings.defaults()));
        assertThatThrownBy(() -> DashboardSettings.from(Optional.of(ConfigNode.ofYaml("passwrd: x\n", "stockroom.yml")),
                n -> null)).hasMessageContaining("stockroom.yml:1").hasMessageContaining("password");
    }
}
