package parley.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class BundleExtensionsTest {
    @Test
    void aiortcsDoubleUseOfId2IsLeftOutOfTheAnswer() throws SdpException {
        SdpOffer offer = SdpFixtures.parse(SdpFixtures.AIORTC);
        assertEquals(Set.of(2), BundleExtensions.conflictingIds(offer));
        SdpOffer clean = BundleExtensions.withoutConflicts(offer);
        for (MediaSection m : clean.media()) {
            assertTrue(m.extmaps().stream().noneMatch(e -> e.id() == 2), m.mid());
        }
        assertFalse(clean.media().get(0).extmaps().isEmpty(), "the mid extension (id 1) stays");
    }

    @Test
    void browsersOffersAreUntouched() throws SdpException {
        SdpOffer chrome = SdpFixtures.parse(SdpFixtures.CHROME);
        assertEquals(Set.of(), BundleExtensions.conflictingIds(chrome));
        assertTrue(chrome == BundleExtensions.withoutConflicts(chrome));
    }
}
