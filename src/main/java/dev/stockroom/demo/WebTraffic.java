package dev.stockroom.demo;

import dev.stockroom.demo.DemoBusiness.Article;
import dev.stockroom.demo.DemoBusiness.Person;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The website traffic of {@link DemoBusiness}, one truth for both analytics twins (GA4 and
 * Plausible), who render it in their own wire formats. Days are days in
 * {@link DemoBusiness#TIMEZONE}.
 *
 * <p>Two grains, as an analytics tool sees a site: page views per article and member status
 * ({@link #pageViews}), and sessions per source, country and device ({@link #sessionCells}). The
 * sessions of a day are those of its page views, split over sources, countries and devices with
 * exact integer shares, so every report of a day adds up to the same totals.
 */
public final class WebTraffic {

    /** The values of the {@code member_status} custom dimension the site sets. */
    public static final List<String> MEMBER_STATUSES = List.of("anonymous", "free", "paid");
    /** Device categories in GA4's words. */
    public static final List<String> DEVICES = List.of("desktop", "mobile", "tablet");
    private static final double[] DEVICE_WEIGHTS = {0.46, 0.49, 0.05};

    /** Views of one article by one member status on a day, with the sessions and users behind them. */
    public record PageViews(Article article, String memberStatus, long views, long sessions, long users) {
    }

    /** Sessions and users of one source, country and device on a day. */
    public record SessionCell(String source, String country, String device, long sessions, long users) {
    }

    private final DemoBusiness business;
    /** Days already worked out: a twin pages through the same days many times. A few KB a day. */
    private final Map<LocalDate, List<PageViews>> pageCache = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<LocalDate, List<SessionCell>> sessionCache = new java.util.concurrent.ConcurrentHashMap<>();

    public WebTraffic(DemoBusiness business) {
        this.business = business;
    }

    /** Every non-zero (article, member status) of the day. */
    public List<PageViews> pageViews(LocalDate day) {
        return pageCache.computeIfAbsent(day, this::computePageViews);
    }

    /** The day's sessions and users split over source × country × device; cells with no sessions are left out. */
    public List<SessionCell> sessionCells(LocalDate day) {
        return sessionCache.computeIfAbsent(day, this::computeSessionCells);
    }

    private List<PageViews> computePageViews(LocalDate day) {
        List<PageViews> out = new ArrayList<>();
        for (Article article : business.articlesBy(day)) {
            long[] views = new long[MEMBER_STATUSES.size()];
            long total = 0;
            for (int i = 0; i < views.length; i++) {
                views[i] = business.pageViews(article, day, MEMBER_STATUSES.get(i));
                total += views[i];
            }
            if (total == 0) {
                continue;
            }
            double sessionShare = 0.55 + 0.1 * business.random("sessions", article.id(), day).nextDouble();
            long sessions = Math.max(1, Math.round(total * sessionShare));
            long users = Math.max(1, Math.round(sessions * 0.86));
            long[] sessionSplit = allocate(sessions, toDoubles(views));
            long[] userSplit = allocate(users, toDoubles(views));
            for (int i = 0; i < views.length; i++) {
                if (views[i] > 0 || sessionSplit[i] > 0) {
                    out.add(new PageViews(article, MEMBER_STATUSES.get(i), views[i], sessionSplit[i], userSplit[i]));
                }
            }
        }
        return List.copyOf(out);
    }

    private List<SessionCell> computeSessionCells(LocalDate day) {
        long sessions = 0;
        long users = 0;
        for (PageViews p : pageViews(day)) {
            sessions += p.sessions();
            users += p.users();
        }
        // The audience's mix of sources and countries (all the business's people), wobbling from day to day.
        List<Person> people = business.people();
        Map<String, Double> sources = weights(people, Person::source, "source", day);
        Map<String, Double> countries = weights(people, Person::country, "country", day);
        List<String[]> keys = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (var source : sources.entrySet()) {
            for (var country : countries.entrySet()) {
                for (int d = 0; d < DEVICES.size(); d++) {
                    keys.add(new String[] {source.getKey(), country.getKey(), DEVICES.get(d)});
                    weights.add(source.getValue() * country.getValue() * DEVICE_WEIGHTS[d]);
                }
            }
        }
        double[] w = weights.stream().mapToDouble(Double::doubleValue).toArray();
        long[] sessionSplit = allocate(sessions, w);
        long[] userSplit = allocate(users, w);
        List<SessionCell> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (sessionSplit[i] > 0) {
                String[] k = keys.get(i);
                out.add(new SessionCell(k[0], k[1], k[2], sessionSplit[i], Math.min(userSplit[i], sessionSplit[i])));
            }
        }
        return List.copyOf(out);
    }

    /** Where people came from, weighted by how many did, with a daily wobble; sorted by name. */
    private Map<String, Double> weights(List<Person> people, Function<Person, String> key, String fact, LocalDate day) {
        Map<String, Double> counts = new TreeMap<>();
        for (Person p : people) {
            counts.merge(key.apply(p), 1.0, Double::sum);
        }
        counts.replaceAll((name, count) -> count * (0.85 + 0.3 * business.random(fact, name, day).nextDouble()));
        return counts;
    }

    /** Splits a total into integer shares proportional to the weights that add up exactly (largest remainder). */
    static long[] allocate(long total, double[] weights) {
        long[] out = new long[weights.length];
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        if (sum <= 0 || total <= 0) {
            return out;
        }
        double[] remainders = new double[weights.length];
        long given = 0;
        for (int i = 0; i < weights.length; i++) {
            double exact = total * weights[i] / sum;
            out[i] = (long) Math.floor(exact);
            remainders[i] = exact - out[i];
            given += out[i];
        }
        for (long left = total - given; left > 0; left--) {
            int best = 0;
            for (int i = 1; i < remainders.length; i++) {
                if (remainders[i] > remainders[best]) {
                    best = i;
                }
            }
            out[best]++;
            remainders[best] = -1;
        }
        return out;
    }

    private static double[] toDoubles(long[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
