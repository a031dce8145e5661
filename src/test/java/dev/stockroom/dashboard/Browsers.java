package dev.stockroom.dashboard;

import java.nio.file.Path;
import java.util.logging.Level;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/** Headless Chromium for the browser tests, with the machine's own chromedriver (no download). */
public final class Browsers {

    private Browsers() {
    }

    /** A name the browser resolves to 127.0.0.1, as an attacker's DNS would for a rebinding attack. */
    static final String REBOUND_NAME = "rebind.test";

    /** Where the browser saves downloads. */
    static Path downloads(Path profile) {
        return profile.toAbsolutePath().resolve("downloads");
    }

    public static WebDriver chromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1440,1000",
                "--host-resolver-rules=MAP " + REBOUND_NAME + " 127.0.0.1");
        options.setExperimentalOption("prefs", java.util.Map.of("download.default_directory",
                downloads(profile).toString(), "download.prompt_for_download", false));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new java.io.File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
