package dev.stockroom.demo;

import dev.stockroom.demo.ghost.GhostTwin;
import dev.stockroom.demo.googleanalytics.GoogleAnalyticsTwin;
import dev.stockroom.demo.kit.KitTwin;
import dev.stockroom.demo.mailchimp.MailchimpTwin;
import dev.stockroom.demo.plausible.PlausibleTwin;
import dev.stockroom.demo.stripe.StripeTwin;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every simulated vendor of the demo, started together on free local ports. The demo's config
 * refers to them through {@code ${...}} variables written to the project's {@code .env} on each
 * start, so the config never changes while the ports do.
 */
public final class DemoVendors implements AutoCloseable {

    static final String PLAUSIBLE_KEY = "plausible-demo-key-1f2e3d4c5b6a";
    static final String GA_PROPERTY = "314159265";
    static final String SITE = "themargin.example";

    private final StripeTwin stripe;
    private final GhostTwin ghost;
    private final MailchimpTwin mailchimp;
    private final KitTwin kit;
    private final GoogleAnalyticsTwin analytics;
    private final PlausibleTwin plausible;

    private DemoVendors(StripeTwin stripe, GhostTwin ghost, MailchimpTwin mailchimp, KitTwin kit,
                        GoogleAnalyticsTwin analytics, PlausibleTwin plausible) {
        this.stripe = stripe;
        this.ghost = ghost;
        this.mailchimp = mailchimp;
        this.kit = kit;
        this.analytics = analytics;
        this.plausible = plausible;
    }

    public static DemoVendors start(DemoBusiness business, Clock clock) throws IOException {
        return new DemoVendors(
                new StripeTwin(business, StripeTwin.DEMO_KEY, clock, 0),
                new GhostTwin(business, GhostTwin.DEMO_ADMIN_KEY, clock, 0),
                new MailchimpTwin(business, MailchimpTwin.DEMO_KEY, clock, 0),
                new KitTwin(business, KitTwin.DEMO_KEY, clock, 0),
                new GoogleAnalyticsTwin(business, GA_PROPERTY, 0),
                new PlausibleTwin(business, SITE, PLAUSIBLE_KEY, 0));
    }

    /** The variables the demo config refers to; writes the GA service-account key into the folder. */
    public Map<String, String> environment(Path folder) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("STRIPE_URL", stripe.url());
        env.put("STRIPE_KEY", StripeTwin.DEMO_KEY);
        env.put("GHOST_URL", ghost.url());
        env.put("GHOST_ADMIN_KEY", GhostTwin.DEMO_ADMIN_KEY);
        env.put("MAILCHIMP_URL", mailchimp.url());
        env.put("MAILCHIMP_KEY", MailchimpTwin.DEMO_KEY);
        env.put("KIT_URL", kit.url());
        env.put("KIT_KEY", KitTwin.DEMO_KEY);
        env.put("GA_URL", analytics.url());
        env.put("GA_TOKEN_URI", analytics.tokenUri());
        env.put("GA_KEY_FILE", analytics.serviceAccounts()
                .trusted(folder, "stockroom-demo@the-margin.iam.gserviceaccount.com").toString());
        env.put("PLAUSIBLE_URL", plausible.url());
        env.put("PLAUSIBLE_KEY", PLAUSIBLE_KEY);
        return env;
    }

    @Override
    public void close() {
        stripe.close();
        ghost.close();
        mailchimp.close();
        kit.close();
        analytics.close();
        plausible.close();
    }
}
