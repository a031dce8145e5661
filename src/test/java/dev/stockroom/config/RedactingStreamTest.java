package dev.stockroom.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The console's exit point: whatever is printed, however it is printed, leaves masked. */
class RedactingStreamTest {

    static final String SECRET = "whsec_C0nsoleSecret/+=x";
    static final String JSON_ESCAPED = "whsec_C0nsoleSecret\\/+=x";

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    private PrintStream console() {
        Secrets.register(SECRET);
        return RedactingStream.around(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    }

    @Test
    void a_stack_trace_is_masked_line_by_line() {
        PrintStream console = console();
        new IllegalStateException("vendor answered {\"error\":\"" + JSON_ESCAPED + "\"}",
                new RuntimeException("caused by " + SECRET)).printStackTrace(console);
        console.flush();
        String out = buffer.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("IllegalStateException").contains("Caused by").contains("at dev.stockroom")
                .doesNotContain("C0nsoleSecret");
    }

    @Test
    void a_secret_printed_in_pieces_on_one_line_is_still_masked() {
        PrintStream console = console();
        console.print("token: whsec_C0ns");
        console.print("oleSecret/+=x");
        console.println(" (end)");
        console.printf("live %s\r", SECRET);
        console.flush();
        assertThat(buffer.toString(StandardCharsets.UTF_8)).isEqualTo("token: *** (end)\nlive ***\r");
    }

    @Test
    void wrapping_twice_masks_once() {
        PrintStream console = console();
        assertThat(RedactingStream.around(console)).isSameAs(console);
    }
}
