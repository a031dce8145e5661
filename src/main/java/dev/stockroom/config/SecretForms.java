package dev.stockroom.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The shapes one secret takes in text that leaves the process, as regular expressions: the plain
 * value, and each of its characters as JSON writes it ({@code \/}, {@code \"}, or a backslash-u escape of four hex digits),
 * URL-encoded ({@code %2F}, {@code %2f}, {@code +} for a space), HTML-escaped ({@code &amp;},
 * {@code &#39;}), in any mix; and its base64 encodings (standard and URL-safe), including the
 * three shifted ones a secret takes inside a longer blob such as a Basic auth header's
 * {@code user:secret}. Letters and digits are never escaped by any of these, so they stay
 * literal, and their longest run is the anchor a fast pre-check looks for.
 */
final class SecretForms {

    /** A base64 form shorter than this could match text by chance. */
    static final int MIN_BASE64 = 8;

    /**
     * One form: its pattern source and an anchor, a literal run the text must contain for the form
     * to match (empty when the form has no letters or digits).
     */
    record Form(String regex, String anchor) {
    }

    private SecretForms() {
    }

    static List<Form> of(String secret) {
        List<Form> forms = new ArrayList<>();
        forms.add(form(secret));
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        for (int shift = 0; shift < 3; shift++) {
            String core = base64Core(bytes, shift);
            if (core.length() >= MIN_BASE64) {
                forms.add(form(core));
                String urlSafe = core.replace('+', '-').replace('/', '_');
                if (!urlSafe.equals(core)) {
                    forms.add(form(urlSafe));
                }
            }
        }
        return forms;
    }

    /**
     * The base64 characters fully determined by the secret when it starts {@code shift} bytes
     * into the encoded data: the characters cut across by neighbouring bytes are left out.
     */
    static String base64Core(byte[] secret, int shift) {
        byte[] shifted = new byte[secret.length + shift];
        System.arraycopy(secret, 0, shifted, shift, secret.length);
        String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
        int start = (8 * shift + 5) / 6;
        int end = 8 * (shift + secret.length) / 6;
        return end > start ? encoded.substring(start, end) : "";
    }

    private static Form form(String literal) {
        StringBuilder regex = new StringBuilder();
        String run = "";
        String longest = "";
        for (int i = 0; i < literal.length(); ) {
            int cp = literal.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 128 && Character.isLetterOrDigit(cp)) {
                regex.append((char) cp);
                run += (char) cp;
                if (run.length() > longest.length()) {
                    longest = run;
                }
            } else {
                regex.append(anyEscape(cp));
                run = "";
            }
        }
        return new Form(regex.toString(), longest);
    }

    /** Every way the text may spell one character that is not an ASCII letter or digit. */
    private static String anyEscape(int cp) {
        List<String> ways = new ArrayList<>();
        // Itself, behind up to three backslashes: JSON's \/ and \", and JSON inside JSON.
        ways.add("\\\\{0,3}" + Pattern.quote(new String(Character.toChars(cp))));
        StringBuilder json = new StringBuilder();
        for (char unit : Character.toChars(cp)) {
            json.append("\\\\{1,3}u").append(hex(String.format("%04x", (int) unit)));
        }
        ways.add(json.toString());
        StringBuilder url = new StringBuilder();
        for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
            url.append("%(?:25)?").append(hex(String.format("%02x", b & 0xff)));
        }
        ways.add(url.toString());
        if (cp == ' ') {
            ways.add("\\+");
        }
        ways.add("&#0*" + cp + ";");
        ways.add("&#[xX]0*" + hex(Integer.toHexString(cp)) + ";");
        switch (cp) {
            case '&' -> ways.add("&amp;");
            case '<' -> ways.add("&lt;");
            case '>' -> ways.add("&gt;");
            case '"' -> ways.add("&quot;");
            case '\'' -> ways.add("&apos;");
            default -> {
            }
        }
        return "(?:" + String.join("|", ways) + ")";
    }

    /** Hex digits matching either case. */
    private static String hex(String digits) {
        StringBuilder out = new StringBuilder();
        for (char c : digits.toLowerCase(Locale.ROOT).toCharArray()) {
            out.append(Character.isLetter(c) ? "[" + c + Character.toUpperCase(c) + "]" : String.valueOf(c));
        }
        return out.toString();
    }
}
