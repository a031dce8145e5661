package dev.stockroom.dashboard;

/** The login wall's form. */
final class LoginPage {

    private LoginPage() {
    }

    /** {@code 0.25 s}, {@code 10 s}: a wait as the page says it. */
    static String seconds(java.time.Duration wait) {
        return java.math.BigDecimal.valueOf(wait.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }

    static String html(String next, String message) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Log in · Stockroom"
                + "</title><link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/assets/app.css\"></head>"
                + "<body class=\"login\"><form method=\"post\" action=\"/login\" class=\"login-box\" id=\"login-form\">"
                + "<h1>Stockroom</h1><p class=\"muted\">This dashboard needs the password set in "
                + "<code>STOCKROOM_PASSWORD</code> or <code>dashboard.password</code>.</p>"
                + (message == null ? "" : "<div class=\"error-box\" id=\"login-error\">" + Html.esc(message) + "</div>")
                + "<input type=\"hidden\" name=\"next\" value=\"" + Html.esc(next) + "\">"
                + "<label>Password <input type=\"password\" name=\"password\" id=\"password\" autofocus "
                + "autocomplete=\"current-password\"></label><button type=\"submit\">Log in</button></form></body></html>";
    }
}
