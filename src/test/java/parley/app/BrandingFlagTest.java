package parley.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.web.Branding;

/** --branding: read at start, Parley's own without it, a clear ConfigException for a bad folder. */
class BrandingFlagTest {
    @TempDir
    Path folder;

    @Test
    void withoutTheFlagParleyIsParley() {
        assertSame(Branding.BUILT_IN, ConfigTest.parse().branding());
    }

    @Test
    void aGoodFolderIsReadAtStart() throws IOException {
        Files.writeString(folder.resolve("branding.json"), "{\"name\": \"Acme Meet\"}");
        assertEquals("Acme Meet", ConfigTest.parse("--branding", folder.toString()).branding().name());
    }

    @Test
    void aBadFolderStopsTheStartWithItsReason() throws IOException {
        Files.writeString(folder.resolve("branding.json"), "{\"name\": \"Acme\", \"colors\": {\"primary\": \"#eeeeee\"}}");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigTest.parse("--branding", folder.toString()));
        assertTrue(e.getMessage().startsWith("--branding " + folder + ": branding.json: ") && e.getMessage().contains("contrast"),
                e.getMessage());
        ConfigException missing = assertThrows(ConfigException.class, () -> ConfigTest.parse("--branding", folder.resolve("nope").toString()));
        assertTrue(missing.getMessage().contains("branding"), missing.getMessage());
    }
}
