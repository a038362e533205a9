package parley.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Asset lookup by exact name: what resolves, and every way out of the folder that must not. */
class AssetsTest {
    @TempDir
    Path temp;
    Path folder;
    Assets assets;

    @BeforeEach
    void folder() throws Exception {
        folder = TestSite.clientFolder(temp);
        assets = Assets.directory(folder);
    }

    static String text(Asset a) {
        return StandardCharsets.UTF_8.decode(a.body()).toString();
    }

    @Test
    void findsFilesByExactName() {
        assertEquals(TestSite.INDEX, text(assets.find("index.html").orElseThrow()));
        assertEquals("export {};\n", text(assets.find("views/chat.js").orElseThrow()));
    }

    @Test
    void readsTheFolderAfreshEachTime() throws IOException {
        Files.writeString(folder.resolve("app.js"), "changed");
        assertEquals("changed", text(assets.find("app.js").orElseThrow()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "views", "views/", "/app.js", "../outside.txt", "views/../../outside.txt",
            "views/../app.js", ".secret", "./app.js", "app.js/", "a//b", "app.js\u0000", "app js", "app\\js",
            "%2e%2e/outside.txt", "missing.js"})
    void findsNothingElse(String name) {
        assertTrue(assets.find(name).isEmpty(), name);
    }

    @Test
    void symbolicLinksOutOfTheFolderAreNotFollowed() throws IOException {
        Files.createSymbolicLink(folder.resolve("link.txt"), temp.resolve("outside.txt"));
        Files.createSymbolicLink(folder.resolve("up"), temp);
        assertTrue(assets.find("link.txt").isEmpty());
        assertTrue(assets.find("up/outside.txt").isEmpty());
    }

    @ParameterizedTest
    @CsvSource({
            "app.js,           text/javascript;charset=utf-8",
            "index.html,       text/html;charset=utf-8",
            "style.css,        text/css;charset=utf-8",
            "icon.svg,         image/svg+xml",
            "logo.PNG,         image/png",
            "manifest.webmanifest, application/manifest+json",
            "LICENSE,          application/octet-stream",
            "data.bin,         application/octet-stream"})
    void contentTypeByExtension(String name, String type) {
        assertEquals(type, Asset.contentType(name));
    }

    @Test
    void etagChangesWithTheBytes() {
        assertEquals(Asset.of("a.js", new byte[] {1}).etag(), Asset.of("b.js", new byte[] {1}).etag());
        assertTrue(!Asset.of("a.js", new byte[] {1}).etag().equals(Asset.of("a.js", new byte[] {2}).etag()));
    }

    @Test
    void classpathClientHasAnIndex() throws WebException {
        Asset index = Assets.classpath("web").find("index.html").orElseThrow();
        assertEquals("text/html;charset=utf-8", index.contentType());
    }

    @Test
    void missingFolderOrIndexIsAnError() throws IOException {
        WebException missing = assertThrows(WebException.class, () -> Assets.directory(temp.resolve("nope")));
        assertTrue(missing.getMessage().contains("not found"), missing.getMessage());
        Files.delete(folder.resolve("index.html"));
        WebException noIndex = assertThrows(WebException.class, () -> Assets.directory(folder));
        assertTrue(noIndex.getMessage().contains("has no index.html"), noIndex.getMessage());
        assertThrows(WebException.class, () -> Assets.classpath("no-such-folder"));
    }
}
