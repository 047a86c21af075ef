package dev.uniworld.training.train;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * Makes the calling thread's float arithmetic treat subnormal numbers as zero (the SSE control register's
 * flush-to-zero and denormals-are-zero bits, as PyTorch's {@code torch.set_flush_denormal(True)} does), and with it
 * the engine's OpenMP workers that it starts afterwards: the thread that first runs a parallel operation starts its
 * own workers, natively, and they inherit the register. Java threads do not (the JVM sets the standard register when
 * a thread enters Java), so the thread that trains must ask before its first engine operation; its own Java
 * arithmetic flushes too. Why: once attention has sharpened, most softmax exponents fall below float's normal range,
 * and this machine's CPU takes a slow path for each subnormal result (profiled in stage 2, the engine's exp took 26%
 * of the samples without flushing and under 1% with it). Values below 1.2e-38 matter nowhere in training. Only on
 * x86-64 Linux with glibc, through {@code fegetenv} and {@code fesetenv} with both bits added to MXCSR; elsewhere it
 * does nothing and says so.
 */
public final class FlushDenormals {

    /** Size of glibc's x86-64 {@code fenv_t}: the x87 environment (28 bytes), then MXCSR. */
    private static final int ENVIRONMENT_BYTES = 32;
    private static final int MXCSR_OFFSET = 28;
    /** MXCSR's flush-to-zero (bit 15) and denormals-are-zero (bit 6). */
    private static final int FTZ_DAZ = 0x8040;

    private FlushDenormals() {
    }

    private interface MathLibrary extends Library {
        int fegetenv(Pointer environment);

        int fesetenv(Pointer environment);
    }

    /**
     * Sets both bits on the calling thread; call it before the engine's first operation. Returns whether they are
     * set, checked by halving the smallest normal float, which flushes to zero only then.
     */
    public static boolean onThisThread() {
        if (!Platform.isLinux() || !Platform.isIntel() || !Platform.is64Bit()) {
            return false;
        }
        try {
            MathLibrary libm = Native.load(Platform.MATH_LIBRARY_NAME, MathLibrary.class);
            try (Memory environment = new Memory(ENVIRONMENT_BYTES)) {
                if (libm.fegetenv(environment) != 0) {
                    return false;
                }
                environment.setInt(MXCSR_OFFSET, environment.getInt(MXCSR_OFFSET) | FTZ_DAZ);
                if (libm.fesetenv(environment) != 0) {
                    return false;
                }
            }
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
        return active();
    }

    /** Whether the calling thread flushes subnormal results to zero. */
    public static boolean active() {
        return product(Float.MIN_NORMAL, 0.5f) == 0f;
    }

    // a method of its own, so that javac cannot fold the product into a constant (and called a few times per run,
    // never hot enough for the JIT to inline and fold it)
    private static float product(float a, float b) {
        return a * b;
    }
}
