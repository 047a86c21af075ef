package dev.uniworld.model.image;

/** An image whose header declares more pixels than allowed; thrown before any pixel is decoded. */
public final class ImageTooLargeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ImageTooLargeException(int width, int height, long maxPixels) {
        super("image is " + width + "x" + height + " = " + (long) width * height + " pixels, limit " + maxPixels);
    }
}
