package parley.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The --branding folder: what it may hold, what is refused at start and why, what is served. */
class BrandingTest {
    private static final String SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"10\"/></svg>";

    @TempDir
    Path folder;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(folder.resolve(name), text, StandardCharsets.UTF_8);
    }

    private String refusal() {
        return assertThrows(IllegalArgumentException.class, () -> Branding.load(folder)).getMessage();
    }

    @Test
    void aFullFolderGivesNameLogoTextAndTheLightThemesColours() throws IOException {
        write("branding.json", "{\"name\": \" Acme Meet \", \"colors\": {\"primary\": \"#0B5D3B\"}}");
        write("logo.svg", SVG);
        write("welcome.txt", "Meetings for Acme staff.\r\nAsk IT for help.\n");
        Branding b = Branding.load(folder);
        assertEquals("Acme Meet", b.name());
        assertEquals("/branding/logo.svg", b.logoPath());
        assertEquals("Meetings for Acme staff.\nAsk IT for help.", b.welcomeText());
        assertEquals("#0b5d3b", b.primary());
        assertEquals("#ffffff", b.onPrimary());
        assertTrue(b.colorsCss().contains("--primary: #0b5d3b;"), b.colorsCss());
        assertTrue(b.colorsCss().contains(":not([data-theme=\"dark\"])"), "the dark theme keeps Parley's colours");
        assertEquals(java.util.Set.of("colors.css", "logo.svg"), b.files().keySet());
        assertEquals("image/svg+xml", b.files().get("logo.svg").contentType());
    }

    @Test
    void onlyANameIsNeeded() throws IOException {
        write("branding.json", "{\"name\": \"Acme\"}");
        Branding b = Branding.load(folder);
        assertNull(b.logoPath());
        assertNull(b.welcomeText());
        assertTrue(b.colorsCss().startsWith("/*") && !b.colorsCss().contains("--primary"));
    }

    @Test
    void refusesMistakesWithTheirReason() throws IOException {
        assertTrue(refusal().contains("no branding.json"));
        write("branding.json", "{\"name\": \"Acme\", \"colour\": {}}");
        assertTrue(refusal().contains("unknown [colour]"), refusal());
        write("branding.json", "{\"name\": \"" + "x".repeat(41) + "\"}");
        assertTrue(refusal().contains("1 to 40 printable characters"), refusal());
        write("branding.json", "{\"name\": \"Acme\", \"colors\": {\"primary\": \"green\"}}");
        assertTrue(refusal().contains("colors.primary \"green\" (expected: #rrggbb)"), refusal());
        write("branding.json", "{\"name\": \"Acme\", \"colors\": {\"primary\": \"#7fd3a0\"}}");
        assertTrue(refusal().contains("contrast"), "a pale colour fails WCAG AA on white: " + refusal());
        write("branding.json", "{\"name\": \"Acme\", \"colors\": {\"primary\": \"#0b5d3b\", \"onPrimary\": \"#000000\"}}");
        assertTrue(refusal().contains("onPrimary #000000 on primary #0b5d3b has contrast"), refusal());
        write("branding.json", "{\"name\": \"Acme\"");
        assertTrue(refusal().contains("not valid JSON"), refusal());
    }

    @Test
    void refusesActiveOrFakeLogosAndOverlongText() throws IOException {
        write("branding.json", "{\"name\": \"Acme\"}");
        Path svg = write("logo.svg", "<svg onload=\"alert(1)\"></svg>");
        assertTrue(refusal().contains("plain picture"), refusal());
        Files.delete(svg);
        write("logo.png", "not a png");
        assertTrue(refusal().contains("not a PNG"), refusal());
        write("logo.svg", SVG);
        assertTrue(refusal().contains("both logo.svg and logo.png"), refusal());
        Files.delete(folder.resolve("logo.png"));
        write("welcome.txt", "y".repeat(2001));
        assertTrue(refusal().contains("welcome.txt"), refusal());
    }

    @Test
    void contrastIsWcags() {
        assertEquals(21.0, Branding.contrast("#000000", "#ffffff"), 0.01);
        assertEquals(4.54, Branding.contrast("#767676", "#ffffff"), 0.01);
        assertEquals("#d9d9d9", Branding.darker("#ffffff"));
    }

    @Test
    void siteJsonCarriesTheNameAndTheFrameAncestors() throws IOException {
        write("branding.json", "{\"name\": \"Acme \\\"Meet\\\"\"}");
        String json = StandardCharsets.UTF_8.decode(SiteHandler.siteJson(Branding.load(folder), "'self'  https://intranet.example.org").body()).toString();
        assertEquals("{\"name\":\"Acme \\\"Meet\\\"\",\"logo\":null,\"welcome\":null,"
                + "\"frameAncestors\":[\"'self'\",\"https://intranet.example.org\"]}", json);
    }
}
