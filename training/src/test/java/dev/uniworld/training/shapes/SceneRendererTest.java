package dev.uniworld.training.shapes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SceneRendererTest {

    private final SceneRenderer renderer = new SceneRenderer(RenderConfig.DEFAULT);

    @Test
    void renderingIsDeterministicAndAtTheConfiguredResolution() {
        Scene scene = SceneSampler.unrestricted().sample(new Random(5), 4);
        BufferedImage first = renderer.render(scene);
        assertEquals(64, first.getWidth());
        assertArrayEquals(pixels(first), pixels(renderer.render(scene)));
        assertEquals(96, new SceneRenderer(new RenderConfig(96)).render(scene).getHeight());
    }

    @Test
    void samplerIsSeededAndKeepsTheRules() {
        for (int seed = 0; seed < 500; seed++) {
            Scene scene = SceneSampler.unrestricted().sample(new Random(seed));
            assertEquals(scene, SceneSampler.unrestricted().sample(new Random(seed)));
            assertTrue(SceneRules.isValid(scene), scene.toString());
        }
    }

    @Test
    void paletteColoursAreFarApartAndFarFromBackgrounds() {
        List<Integer> shapeColours = java.util.Arrays.stream(ShapeColour.values()).map(ShapeColour::rgb).toList();
        List<Integer> all = new java.util.ArrayList<>(shapeColours);
        java.util.Arrays.stream(Background.values()).map(Background::rgb).forEach(all::add);
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                assertTrue(distance(all.get(i), all.get(j)) >= 100, i + " vs " + j);
            }
        }
    }

    @Test
    void sceneOrderIsCanonicalAndStacksDrawBackFirst() {
        SceneObject back = new SceneObject(ShapeKind.SQUARE, ShapeColour.RED, ShapeSize.LARGE, Cell.CENTER);
        SceneObject front = new SceneObject(ShapeKind.CIRCLE, ShapeColour.BLUE, ShapeSize.SMALL, Cell.CENTER);
        Scene a = new Scene(Background.WHITE, List.of(front, back));
        Scene b = new Scene(Background.WHITE, List.of(back, front));
        assertEquals(a, b);
        assertEquals(back, a.objects().get(0));
        assertEquals(2, a.layerOf(front));
        assertTrue(Relation.IN_FRONT_OF.holds(front, back));
        assertTrue(SceneRules.isValid(a));
        assertFalse(SceneRules.canStack(back.withSize(ShapeSize.MEDIUM), front));
        // the centre pixel shows the front shape
        assertEquals(ShapeColour.BLUE.rgb(), renderer.render(a).getRGB(32, 32) & 0xffffff);
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    private static double distance(int a, int b) {
        int dr = ((a >> 16) & 0xff) - ((b >> 16) & 0xff);
        int dg = ((a >> 8) & 0xff) - ((b >> 8) & 0xff);
        int db = (a & 0xff) - (b & 0xff);
        return Math.sqrt(dr * dr + dg * dg + db * db);
    }
}
