package dev.stockroom.source.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HugeResponseTest {

    @Test
    void streams_a_200_mb_response_through_a_64_mb_heap() throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process child = new ProcessBuilder(List.of(java, "-Xmx64m", "-cp", classpath,
                HugeResponse.class.getName(), "200"))
                .redirectErrorStream(true)
                .start();
        boolean done = child.waitFor(60, TimeUnit.SECONDS);
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            child.destroyForcibly();
        }
        assertThat(done).as("finished in time; output: %s", output).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        Matcher m = Pattern.compile("records=(\\d+) sent=(\\d+) bytes=(\\d+) idsum=(\\d+)").matcher(output);
        assertThat(m.find()).as(output).isTrue();
        long records = Long.parseLong(m.group(1));
        assertThat(records).isEqualTo(Long.parseLong(m.group(2))).isGreaterThan(900_000);
        assertThat(Long.parseLong(m.group(3))).isGreaterThanOrEqualTo(200L * 1024 * 1024);
        assertThat(Long.parseLong(m.group(4))).isEqualTo(records * (records - 1) / 2);
    }
}
