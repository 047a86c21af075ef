package dev.uniworld.gateway.validation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Allowed roots are folders, and a file: URI counts whichever of its spellings a client uses. */
class ValidationLimitsTest {

    private final ValidationLimits limits = ValidationLimits.defaults()
            .withAllowedUriRoots(List.of("file:///srv/data", "https://images.example.com/cats/"));

    @Test
    void aRootIsAFolderNotAPrefixOfNames() {
        assertTrue(limits.underAllowedRoot(URI.create("file:///srv/data/x.png")));
        assertFalse(limits.underAllowedRoot(URI.create("file:///srv/database/x.png")));
        assertFalse(limits.underAllowedRoot(URI.create("https://images.example.com/catsup/1.png")));
    }

    @Test
    void theSingleSlashFileFormIsJudgedLikeTheTripleSlashOne() {
        assertTrue(limits.underAllowedRoot(URI.create("file:/srv/data/x.png")));
        assertFalse(limits.underAllowedRoot(URI.create("file:/srv/database/x.png")));
    }
}
