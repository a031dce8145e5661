package dev.stockroom.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** What a CSV cell or a JSON string becomes: plain types are recognized, anything doubtful stays text. */
class TextValuesTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static Object cell(String text) {
        return TextValues.infer(text, BERLIN);
    }

    @Test
    void numbers_are_recognized_but_not_zip_codes_or_huge_values() {
        assertThat(cell("42")).isEqualTo(42L);
        assertThat(cell("-7")).isEqualTo(-7L);
        assertThat(cell("0")).isEqualTo(0L);
        assertThat(cell("19.99")).isEqualTo(new BigDecimal("19.99"));
        assertThat(cell("-0.5")).isEqualTo(new BigDecimal("-0.5"));
        assertThat(cell("01234")).isEqualTo("01234");
        assertThat(cell("1234567890123456789012")).isEqualTo("1234567890123456789012");
        assertThat(cell("1.2.3")).isEqualTo("1.2.3");
        assertThat(cell("1e5")).isEqualTo("1e5");
        assertThat(cell("-")).isEqualTo("-");
    }

    @Test
    void booleans_empty_cells_and_words() {
        assertThat(cell("true")).isEqualTo(true);
        assertThat(cell("FALSE")).isEqualTo(false);
        assertThat(cell("")).isNull();
        assertThat(cell("yes")).isEqualTo("yes");
        assertThat(cell("A-7")).isEqualTo("A-7");
    }

    @Test
    void dates_and_timestamps_in_iso_forms() {
        assertThat(cell("2024-01-31")).isEqualTo(LocalDate.of(2024, 1, 31));
        assertThat(cell("2024-02-30")).isEqualTo("2024-02-30");
        assertThat(cell("2024-06-01T10:00:00Z")).isEqualTo(Instant.parse("2024-06-01T10:00:00Z"));
        assertThat(cell("2024-06-01 10:00:00.123+02:00")).isEqualTo(Instant.parse("2024-06-01T08:00:00.123Z"));
        assertThat(cell("2024-06-01T10:00:00+0200")).isEqualTo(Instant.parse("2024-06-01T08:00:00Z"));
        assertThat(cell("2024-06-01T10:00")).as("local times are in the source's zone")
                .isEqualTo(Instant.parse("2024-06-01T08:00:00Z"));
        assertThat(cell("2024-13-01T10:00:00Z")).isEqualTo("2024-13-01T10:00:00Z");
    }

    @Test
    void json_strings_only_become_dates_and_timestamps() {
        assertThat(TextValues.jsonString("42", BERLIN)).isEqualTo("42");
        assertThat(TextValues.jsonString("true", BERLIN)).isEqualTo("true");
        assertThat(TextValues.jsonString("2024-01-31", BERLIN)).isEqualTo(LocalDate.of(2024, 1, 31));
        assertThat(TextValues.jsonString("2024-06-01T10:00:00Z", BERLIN)).isEqualTo(Instant.parse("2024-06-01T10:00:00Z"));
    }
}
