package parley.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An operator's branding (--branding folder), read and checked once at start: a product
 * name, an optional logo, the primary colour of the light theme and an optional plain text
 * for the start page. The folder holds {@code branding.json} ({"name": "Acme Meet",
 * "colors": {"primary": "#0b5d3b", "onPrimary": "#ffffff"}}), optionally {@code logo.svg}
 * or {@code logo.png} and {@code welcome.txt}. Everything else of the client stays built in.
 * Served under {@link #PATH}: {@code colors.css} and the logo. Immutable; thread-safe.
 *
 * @param name        the product name shown instead of "Parley"
 * @param logoName    {@code logo.svg}, {@code logo.png} or null
 * @param logo        the logo's bytes, or null
 * @param welcomeText plain text for the start page (shown as text, never HTML), or null
 * @param primary     the light theme's primary colour {@code #rrggbb}, or null for Parley's
 * @param onPrimary   the text colour on {@code primary}
 */
public record Branding(String name, String logoName, byte[] logo, String welcomeText, String primary, String onPrimary) {
    /** Where the branding's files are served. */
    public static final String PATH = "/branding/";
    /** Parley as it comes. */
    public static final Branding BUILT_IN = new Branding("Parley", null, null, null, null, null);

    static final int MAX_NAME_CHARS = 40;
    static final int MAX_WELCOME_CHARS = 2_000;
    static final int MAX_LOGO_BYTES = 256 * 1024;
    /** WCAG AA for normal text. */
    static final double MIN_CONTRAST = 4.5;
    /** The light theme's page and card backgrounds (style.css --bg, --surface): the primary colour is text on them. */
    private static final List<String> LIGHT_BACKGROUNDS = List.of("#f4f5f7", "#ffffff");
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");
    /** What an SVG shown as an image never needs and a hostile one might try (when opened directly). */
    private static final Pattern SVG_ACTIVE = Pattern.compile("(?i)<script|javascript:|<foreignobject|\\son[a-z]+\\s*=|<!entity");
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final Set<String> KEYS = Set.of("name", "colors");
    private static final Set<String> COLOR_KEYS = Set.of("primary", "onPrimary");

    public Branding {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("no product name");
        logo = logo == null ? null : logo.clone();
    }

    /**
     * Reads and checks a branding folder. Throws IllegalArgumentException saying what is wrong
     * (the file, the value, what was expected), for the operator at start.
     */
    public static Branding load(Path folder) {
        if (!Files.isDirectory(folder)) throw new IllegalArgumentException(folder + " is not a folder");
        JsonNode json = readJson(folder.resolve("branding.json"));
        String name = productName(json.path("name"));
        String primary = null;
        String onPrimary = null;
        JsonNode colors = json.path("colors");
        if (!colors.isMissingNode()) {
            checkKeys(colors, COLOR_KEYS, "colors");
            primary = color(colors.path("primary"), "colors.primary", null);
            if (primary == null) throw new IllegalArgumentException("branding.json: colors needs \"primary\" (#rrggbb)");
            onPrimary = color(colors.path("onPrimary"), "colors.onPrimary", "#ffffff");
            checkContrast(primary, onPrimary);
        }
        Path svg = folder.resolve("logo.svg");
        Path png = folder.resolve("logo.png");
        if (Files.exists(svg) && Files.exists(png)) throw new IllegalArgumentException("both logo.svg and logo.png (expected: one logo)");
        String logoName = Files.exists(svg) ? "logo.svg" : Files.exists(png) ? "logo.png" : null;
        byte[] logo = logoName == null ? null : logo(folder.resolve(logoName), logoName);
        Path welcome = folder.resolve("welcome.txt");
        String welcomeText = Files.exists(welcome) ? welcomeText(welcome) : null;
        return new Branding(name, logoName, logo, welcomeText, primary, onPrimary);
    }

    /** A copy of the logo's bytes, or null. */
    @Override
    public byte[] logo() {
        return logo == null ? null : logo.clone();
    }

    /** The logo's path on this server, or null. */
    public String logoPath() {
        return logoName == null ? null : PATH + logoName;
    }

    /** The files under {@link #PATH} by relative name: colors.css always, the logo if any. */
    Map<String, Asset> files() {
        Map<String, Asset> files = new LinkedHashMap<>();
        files.put("colors.css", Asset.of("colors.css", colorsCss().getBytes(StandardCharsets.UTF_8)));
        if (logoName != null) files.put(logoName, Asset.of(logoName, logo));
        return Map.copyOf(files);
    }

    /** The light theme's colours (empty without colours): the dark theme and the meeting room keep Parley's. */
    String colorsCss() {
        if (primary == null) return "/* Parley's own colours: no --branding colours */\n";
        return "/* The operator's colours (--branding), light theme only */\n"
                + ":root:not([data-theme=\"dark\"]):not([data-state=\"joined\"]):not([data-state=\"reconnecting\"]) {\n"
                + "  --primary: " + primary + ";\n  --primary-hover: " + darker(primary) + ";\n"
                + "  --on-primary: " + onPrimary + ";\n  --focus: " + primary + ";\n}\n";
    }

    private static JsonNode readJson(Path file) {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no branding.json in the folder");
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("branding.json is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read branding.json: " + e.getMessage());
        }
        if (json == null || !json.isObject()) throw new IllegalArgumentException("branding.json: expected an object");
        checkKeys(json, KEYS, "branding.json");
        return json;
    }

    private static void checkKeys(JsonNode object, Set<String> known, String where) {
        if (!object.isObject()) throw new IllegalArgumentException(where + ": expected an object");
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) unknown.add(key);
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(where + ": unknown " + unknown + " (expected: " + known.stream().sorted().toList() + ")");
        }
    }

    private static String productName(JsonNode node) {
        String name = node.isTextual() ? node.asText().strip() : "";
        if (name.isEmpty() || name.length() > MAX_NAME_CHARS || CONTROL.matcher(name).find() || name.contains("\n")) {
            throw new IllegalArgumentException("branding.json: name " + (node.isMissingNode() ? "missing" : node.toString())
                    + " (expected: 1 to " + MAX_NAME_CHARS + " printable characters)");
        }
        return name;
    }

    private static String color(JsonNode node, String where, String absent) {
        if (node.isMissingNode()) return absent;
        if (!node.isTextual() || !COLOR.matcher(node.asText()).matches()) {
            throw new IllegalArgumentException("branding.json: " + where + " " + node + " (expected: #rrggbb)");
        }
        return node.asText().toLowerCase(Locale.ROOT);
    }

    private static void checkContrast(String primary, String onPrimary) {
        double onButton = contrast(primary, onPrimary);
        if (onButton < MIN_CONTRAST) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "branding.json: onPrimary %s on primary %s has contrast %.2f (expected: at least %.1f)",
                    onPrimary, primary, onButton, MIN_CONTRAST));
        }
        for (String background : LIGHT_BACKGROUNDS) {
            double asText = contrast(primary, background);
            if (asText < MIN_CONTRAST) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "branding.json: primary %s on the page background %s has contrast %.2f (expected: at least %.1f; use a darker colour)",
                        primary, background, asText, MIN_CONTRAST));
            }
        }
    }

    /** WCAG 2 contrast ratio of two #rrggbb colours, 1 to 21. */
    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String color) {
        int rgb = Integer.parseInt(color.substring(1), 16);
        return 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) + 0.0722 * channel(rgb);
    }

    private static double channel(int value) {
        double c = (value & 0xff) / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    /** The colour with 15 % black mixed in: the hover shade of a button. */
    static String darker(String color) {
        int rgb = Integer.parseInt(color.substring(1), 16);
        int r = (int) Math.round(((rgb >> 16) & 0xff) * 0.85);
        int g = (int) Math.round(((rgb >> 8) & 0xff) * 0.85);
        int b = (int) Math.round((rgb & 0xff) * 0.85);
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }

    private static byte[] logo(Path file, String name) {
        byte[] bytes = readBytes(file, MAX_LOGO_BYTES);
        if (name.endsWith(".png")) {
            if (bytes.length < PNG_MAGIC.length || !java.util.Arrays.equals(bytes, 0, PNG_MAGIC.length, PNG_MAGIC, 0, PNG_MAGIC.length)) {
                throw new IllegalArgumentException("logo.png is not a PNG image");
            }
            return bytes;
        }
        String text = utf8(bytes, name);
        if (!text.contains("<svg")) throw new IllegalArgumentException("logo.svg has no <svg> element");
        if (SVG_ACTIVE.matcher(text).find()) {
            throw new IllegalArgumentException("logo.svg has scripts, event handlers, entities or foreign objects (expected: a plain picture)");
        }
        return bytes;
    }

    private static String welcomeText(Path file) {
        String text = utf8(readBytes(file, MAX_WELCOME_CHARS * 4), "welcome.txt").replace("\r", "").strip();
        if (text.length() > MAX_WELCOME_CHARS || CONTROL.matcher(text).find()) {
            throw new IllegalArgumentException("welcome.txt has " + text.length() + " characters or control characters (expected: plain text of at most "
                    + MAX_WELCOME_CHARS + " characters)");
        }
        return text.isEmpty() ? null : text;
    }

    private static byte[] readBytes(Path file, int max) {
        try {
            long size = Files.size(file);
            if (size > max) throw new IllegalArgumentException(file.getFileName() + " has " + size + " bytes (expected: at most " + max + ")");
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file.getFileName() + ": " + e.getMessage());
        }
    }

    private static String utf8(byte[] bytes, String name) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(name + " is not UTF-8 text");
        }
    }

    @Override
    public String toString() {
        return "Branding[name=" + name + ", logo=" + logoName + ", welcomeText=" + (welcomeText != null) + ", primary=" + primary + "]";
    }
}
