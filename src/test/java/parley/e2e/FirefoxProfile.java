package parley.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The preferences of a test Firefox: fake camera and microphone without prompts, WebDriver
 * BiDi only, loopback ICE allowed, and every background service that would call out
 * (updates, telemetry, Normandy, Safe Browsing, remote settings, captive portal, OCSP,
 * DNS over HTTPS, push, GMP downloads) switched off.
 */
final class FirefoxProfile {
    private FirefoxProfile() {}

    static Map<String, Object> prefs() {
        Map<String, Object> p = new LinkedHashMap<>();
        // media: fake devices, no permission prompt, autoplay allowed
        p.put("media.navigator.streams.fake", true);
        p.put("media.navigator.permission.disabled", true);
        p.put("media.autoplay.default", 0);
        p.put("media.autoplay.blocking_policy", 0);
        p.put("media.cubeb.force_mock_context", true);
        p.put("media.peerconnection.ice.loopback", true);
        // WebGL in software (Mesa's llvmpipe over EGL, with MOZ_WEBGL_FORCE_EGL in Firefox's
        // environment): headless with no GPU has none otherwise, and background blur needs it
        p.put("webgl.force-enabled", true);
        p.put("media.peerconnection.ice.obfuscate_host_addresses", false);
        p.put("media.peerconnection.ice.default_address_only", false);
        p.put("media.gmp-manager.url", "");
        p.put("media.gmp-manager.updateEnabled", false);
        p.put("media.gmp-gmpopenh264.autoupdate", false);
        // automation: WebDriver BiDi only (1 = BiDi, 2 = CDP)
        p.put("remote.active-protocols", 1);
        p.put("remote.prefs.recommended", true);
        // start quietly
        p.put("browser.shell.checkDefaultBrowser", false);
        p.put("browser.startup.page", 0);
        p.put("browser.startup.homepage", "about:blank");
        p.put("browser.startup.homepage_override.mstone", "ignore");
        p.put("browser.newtabpage.enabled", false);
        p.put("browser.aboutwelcome.enabled", false);
        p.put("browser.sessionstore.resume_from_crash", false);
        p.put("toolkit.startup.max_resumed_crashes", -1);
        p.put("dom.security.https_only_mode", false);
        // no outside requests
        p.put("app.update.disabledForTesting", true);
        p.put("app.update.auto", false);
        p.put("app.normandy.enabled", false);
        p.put("app.normandy.api_url", "");
        p.put("app.shield.optoutstudies.enabled", false);
        p.put("datareporting.healthreport.uploadEnabled", false);
        p.put("datareporting.policy.dataSubmissionEnabled", false);
        p.put("datareporting.usage.uploadEnabled", false);
        p.put("toolkit.telemetry.enabled", false);
        p.put("toolkit.telemetry.unified", false);
        p.put("toolkit.telemetry.archive.enabled", false);
        p.put("toolkit.telemetry.server", "");
        p.put("browser.ping-centre.telemetry", false);
        p.put("browser.safebrowsing.malware.enabled", false);
        p.put("browser.safebrowsing.phishing.enabled", false);
        p.put("browser.safebrowsing.downloads.enabled", false);
        p.put("browser.safebrowsing.blockedURIs.enabled", false);
        p.put("browser.safebrowsing.update.enabled", false);
        p.put("services.settings.server", "");
        p.put("messaging-system.rsexperimentloader.enabled", false);
        p.put("extensions.update.enabled", false);
        p.put("extensions.getAddons.cache.enabled", false);
        p.put("extensions.blocklist.enabled", false);
        p.put("extensions.systemAddon.update.enabled", false);
        p.put("network.captive-portal-service.enabled", false);
        p.put("network.connectivity-service.enabled", false);
        p.put("network.trr.mode", 5);
        p.put("network.dns.disablePrefetch", true);
        p.put("network.prefetch-next", false);
        p.put("network.http.speculative-parallel-limit", 0);
        p.put("network.proxy.type", 0);
        p.put("security.OCSP.enabled", 0);
        p.put("security.remote_settings.crlite_filters.enabled", false);
        p.put("security.remote_settings.intermediates.enabled", false);
        p.put("browser.region.network.url", "");
        p.put("browser.region.update.enabled", false);
        p.put("browser.search.update", false);
        p.put("geo.provider.network.url", "");
        p.put("browser.discovery.enabled", false);
        p.put("dom.push.enabled", false);
        p.put("dom.push.serverURL", "");
        p.put("identity.fxaccounts.enabled", false);
        p.put("browser.newtabpage.activity-stream.feeds.system.topstories", false);
        p.put("browser.newtabpage.activity-stream.feeds.snippets", false);
        p.put("intl.accept_languages", "en-US, en"); // the client speaks the browser's language: tests read English
        return p;
    }

    /** Writes a fresh profile directory holding {@code user.js}. */
    static void write(Path profileDir) {
        String userJs = prefs().entrySet().stream()
                .map(e -> "user_pref(" + Json.jsString(e.getKey()) + ", " + literal(e.getValue()) + ");")
                .collect(Collectors.joining("\n", "", "\n"));
        try {
            Files.createDirectories(profileDir);
            Files.writeString(profileDir.resolve("user.js"), userJs);
        } catch (IOException e) {
            throw new E2eException("cannot write the Firefox profile " + profileDir, e);
        }
    }

    private static String literal(Object value) {
        return value instanceof String s ? Json.jsString(s) : String.valueOf(value);
    }
}
