package dev.uniworld.training.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.uniworld.training.shapes.Background;
import dev.uniworld.training.shapes.Cell;
import dev.uniworld.training.shapes.RenderConfig;
import dev.uniworld.training.shapes.Scene;
import dev.uniworld.training.shapes.SceneObject;
import dev.uniworld.training.shapes.SceneRenderer;
import dev.uniworld.training.shapes.SceneSampler;
import dev.uniworld.training.shapes.ShapeColour;
import dev.uniworld.training.shapes.ShapeKind;
import dev.uniworld.training.shapes.ShapeSize;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SceneDetectorTest {

    private final SceneRenderer renderer = new SceneRenderer(RenderConfig.DEFAULT);
    private final SceneDetector detector = new SceneDetector();

    @Test
    void recoversAtLeast99PercentOfRandomScenes() {
        // Given 1000 random scenes, stacked (occluded) shapes included
        SceneSampler sampler = SceneSampler.unrestricted();
        Random rng = new Random(20240601L);
        int correct = 0;
        int stacked = 0;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Scene scene = sampler.sample(rng);
            stacked += scene.objects().stream().anyMatch(o -> scene.in(o.cell()).size() > 1) ? 1 : 0;
            // When the detector parses the rendered image
            Scene detected = detector.detect(renderer.render(scene));
            // Then it gives back the same scene
            if (detected.equals(scene)) {
                correct++;
            } else if (failures.size() < 10) {
                failures.add(scene + " -> " + detected);
            }
        }
        System.out.printf("detector scene accuracy %d/1000 (%d scenes with stacked shapes)%n", correct, stacked);
        failures.forEach(System.out::println);
        assertTrue(stacked > 50, "the sample should exercise occlusion");
        assertTrue(correct >= 990, "scene accuracy " + correct + "/1000, first failures: " + failures);
    }

    @Test
    void recoversEveryKindColourAndSizeAtEveryCellOnEveryBackground() {
        for (Background background : Background.values()) {
            for (ShapeKind kind : ShapeKind.values()) {
                for (ShapeColour colour : ShapeColour.values()) {
                    for (ShapeSize size : ShapeSize.values()) {
                        Cell cell = Cell.values()[(kind.ordinal() + colour.ordinal() + size.ordinal()) % 9];
                        Scene scene = new Scene(background, List.of(new SceneObject(kind, colour, size, cell)));
                        assertEquals(scene, detector.detect(renderer.render(scene)));
                    }
                }
            }
        }
    }

    @Test
    void findsNoShapesInNoise() {
        Random rng = new Random(7);
        int found = 0;
        for (int i = 0; i < 50; i++) {
            BufferedImage noise = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    noise.setRGB(x, y, rng.nextInt(1 << 24));
                }
            }
            found += detector.detect(noise).size();
        }
        assertEquals(0, found);
    }

    @Test
    void handlesOtherResolutions() {
        SceneRenderer large = new SceneRenderer(new RenderConfig(128));
        Random rng = new Random(3);
        for (int i = 0; i < 50; i++) {
            Scene scene = SceneSampler.unrestricted().sample(rng);
            assertEquals(scene, detector.detect(large.render(scene)));
        }
    }
}
