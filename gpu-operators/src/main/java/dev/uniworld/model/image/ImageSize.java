package dev.uniworld.model.image;

/** Dimensions and format name read from an image header. */
public record ImageSize(int width, int height, String format) {
}
