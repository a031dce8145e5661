package dev.stockroom.demo;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * "The Margin", the fictional newsletter business behind the demo and the simulated vendors.
 * Everything is a pure function of the seed and the calendar, so every twin tells the same
 * story: the same people appear as Ghost members, Mailchimp and Kit subscribers and Stripe
 * customers (matched by email), and GA4/Plausible traffic lands on the same articles that Ghost
 * publishes ({@code /articles/<slug>/}).
 *
 * <p>Member reading is joinable through the page path: the analytics twins split page views by a
 * {@code member_status} custom dimension (anonymous, free, paid), as a site sets it from Ghost's
 * member cookie, so "articles most read by paying members" is a join of page path to post slug.
 */
public final class DemoBusiness {

    /** The business's reporting timezone, used by the analytics twins. */
    public static final ZoneId TIMEZONE = ZoneId.of("Europe/Berlin");
    /** The day the newsletter launched; nothing exists before it. */
    public static final LocalDate LAUNCH = LocalDate.of(2024, 1, 1);

    /** A person: a subscriber who may become a paying member. */
    public record Person(int id, String email, String firstName, String lastName, LocalDate signedUp,
                         LocalDate paidFrom, LocalDate churnedOn, boolean comped, String country, String source) {

        /** free, paid or comped on the given day; null before signing up. */
        public String statusOn(LocalDate day) {
            if (day.isBefore(signedUp)) {
                return null;
            }
            if (comped) {
                return "comped";
            }
            boolean paying = paidFrom != null && !day.isBefore(paidFrom) && (churnedOn == null || day.isBefore(churnedOn));
            return paying ? "paid" : "free";
        }

        /** Whether the person has unsubscribed from the newsletter by that day. */
        public boolean unsubscribedBy(LocalDate day) {
            return churnedOn != null && paidFrom == null && !day.isBefore(churnedOn);
        }
    }

    /** An article published on the site and sent as a newsletter. */
    public record Article(int id, String slug, String title, LocalDate published, double appeal) {

        /** Ghost's default permalink, {@code /{slug}/}: the path analytics see and the post's {@code url} ends in. */
        public String path() {
            return "/" + slug + "/";
        }
    }

    private static final String[] FIRST = {"Ann", "Ben", "Cara", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun",
        "Kim", "Lea", "Max", "Nia", "Oto", "Pia", "Quinn", "Rae", "Sam", "Tia", "Uma", "Vic", "Wes", "Xia", "Yara", "Zed"};
    private static final String[] LAST = {"Adler", "Berg", "Costa", "Dahl", "Ekberg", "Fischer", "Garcia", "Holm",
        "Ito", "Jensen", "Kowalski", "Lund", "Moreau", "Novak", "Okafor", "Park", "Quist", "Rossi", "Silva", "Tanaka"};
    private static final String[] TOPICS = {"pricing", "churn", "cohorts", "retention", "onboarding", "newsletters",
        "paywalls", "analytics", "seo", "referrals", "podcasts", "sponsorships", "courses", "communities", "bundles"};
    private static final String[] ANGLES = {"why", "how", "the-case-for", "myths-about", "a-guide-to", "numbers-on"};
    private static final String[] COUNTRIES = {"DE", "DE", "DE", "AT", "CH", "US", "US", "GB", "NL", "FR"};
    private static final String[] SOURCES = {"google", "twitter", "linkedin", "newsletter-swap", "podcast", "direct"};

    private final long seed;
    private final List<Person> people;
    private final List<Article> articles;

    public DemoBusiness(long seed) {
        this.seed = seed;
        this.people = makePeople();
        this.articles = makeArticles();
    }

    public static DemoBusiness standard() {
        return new DemoBusiness(42);
    }

    public List<Person> people() {
        return people;
    }

    /** People who had signed up by the end of the day. */
    public List<Person> peopleBy(LocalDate day) {
        return people.stream().filter(p -> !p.signedUp().isAfter(day)).toList();
    }

    public List<Article> articles() {
        return articles;
    }

    /** Articles published by the end of the day. */
    public List<Article> articlesBy(LocalDate day) {
        return articles.stream().filter(a -> !a.published().isAfter(day)).toList();
    }

    /** A deterministic random number source for one named fact, e.g. ("views", day, article). */
    public SplittableRandom random(Object... key) {
        long h = seed;
        for (Object part : key) {
            h = h * 31 + part.hashCode();
        }
        return new SplittableRandom(h);
    }

    /**
     * Page views of an article on a day by member status (anonymous, free, paid): high at
     * publication, decaying, with a weekly rhythm; members read more per head.
     */
    public long pageViews(Article article, LocalDate day, String memberStatus) {
        if (day.isBefore(article.published())) {
            return 0;
        }
        long age = day.toEpochDay() - article.published().toEpochDay();
        double base = 400 * article.appeal() / (1 + age * 0.35) + 6 * article.appeal();
        double weekday = day.getDayOfWeek().getValue() >= 6 ? 0.6 : 1.0;
        double share = switch (memberStatus) {
            case "paid" -> 0.12 + article.appeal() * 0.05;
            case "free" -> 0.28;
            default -> 0.60 - article.appeal() * 0.05;
        };
        double noise = 0.8 + random("views", article.id(), day, memberStatus).nextDouble() * 0.4;
        return Math.round(base * weekday * share * noise);
    }

    /** Monthly price of the paid plan, in cents. */
    public static long priceCents() {
        return 900;
    }

    private List<Person> makePeople() {
        List<Person> out = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(seed);
        LocalDate end = LocalDate.of(2027, 12, 31);
        long span = end.toEpochDay() - LAUNCH.toEpochDay();
        for (int i = 1; i <= 1200; i++) {
            // Sign-ups grow over time: the square root skews them toward later days.
            LocalDate signedUp = LAUNCH.plusDays((long) (span * Math.sqrt(r.nextDouble())));
            LocalDate paidFrom = null;
            LocalDate churned = null;
            double roll = r.nextDouble();
            if (roll < 0.18) {
                paidFrom = signedUp.plusDays(3 + r.nextInt(120));
                if (r.nextDouble() < 0.25) {
                    churned = paidFrom.plusDays(30 + r.nextInt(300));
                }
            } else if (roll < 0.28) {
                churned = signedUp.plusDays(10 + r.nextInt(200));
            }
            boolean comped = roll > 0.985;
            String first = FIRST[r.nextInt(FIRST.length)];
            String last = LAST[r.nextInt(LAST.length)];
            String email = (first + "." + last + i).toLowerCase() + "@example.com";
            out.add(new Person(i, email, first, last, signedUp, comped ? null : paidFrom, churned, comped,
                    COUNTRIES[r.nextInt(COUNTRIES.length)], SOURCES[r.nextInt(SOURCES.length)]));
        }
        return List.copyOf(out);
    }

    private List<Article> makeArticles() {
        List<Article> out = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(seed * 7 + 1);
        LocalDate day = LAUNCH.plusDays(2);
        int id = 1;
        while (day.getYear() < 2028) {
            String topic = TOPICS[r.nextInt(TOPICS.length)];
            String angle = ANGLES[r.nextInt(ANGLES.length)];
            String slug = angle + "-" + topic + "-" + id;
            String title = Character.toUpperCase(angle.charAt(0)) + angle.substring(1).replace('-', ' ') + " " + topic
                    + " (part " + (1 + id % 3) + ")";
            out.add(new Article(id, slug, title, day, 0.3 + r.nextDouble() * 1.4));
            day = day.plusDays(r.nextInt(2) == 0 ? 3 : 4);
            id++;
        }
        return List.copyOf(out);
    }
}
