package dev.uniworld.training.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PairedOutcomesTest {

    @Test
    void countsEachKindOfPair() {
        boolean[] first = {true, true, false, false, true};
        boolean[] second = {true, false, true, false, false};
        PairedOutcomes pairs = PairedOutcomes.of(first, second);
        assertEquals(new PairedOutcomes(1, 2, 1, 1), pairs);
        assertEquals(5, pairs.total());
    }

    @Test
    void exactPValueMatchesTheBinomialTail() {
        // 1 against 9 discordant: 2 * (C(10,0) + C(10,1)) / 2^10 = 22 / 1024.
        assertEquals(22.0 / 1024, new PairedOutcomes(0, 1, 9, 0).exactMcNemarP(), 1e-12);
        // 0 against 5: 2 / 32.
        assertEquals(2.0 / 32, new PairedOutcomes(7, 5, 0, 3).exactMcNemarP(), 1e-12);
        // An even split, and no disagreement at all, give no evidence either way.
        assertEquals(1.0, new PairedOutcomes(3, 4, 4, 3).exactMcNemarP(), 1e-12);
        assertEquals(1.0, new PairedOutcomes(10, 0, 0, 10).exactMcNemarP(), 1e-12);
    }

    @Test
    void largeCountsDoNotUnderflow() {
        // 1200 discordant samples: 0.5^1200 underflows a double, the log-space sum does not.
        double even = new PairedOutcomes(0, 600, 600, 0).exactMcNemarP();
        double uneven = new PairedOutcomes(0, 500, 700, 0).exactMcNemarP();
        assertEquals(1.0, even, 1e-9);
        assertTrue(uneven > 0 && uneven < 1e-7, "p = " + uneven);
    }

    @Test
    void refusesVectorsOfDifferentLengths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PairedOutcomes.of(new boolean[3], new boolean[4]));
        assertTrue(e.getMessage().contains("same samples"), e.getMessage());
    }
}
