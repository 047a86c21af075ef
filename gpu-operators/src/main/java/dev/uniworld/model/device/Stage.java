package dev.uniworld.model.device;

import java.util.Locale;

/** The pipeline's model stages; each may run in its own operator on its own device. */
public enum Stage {
    VLM, SIGLIP, FUSION, DIT, DECODE;

    /** Lower-case name used in configuration ("vlm", "dit", ...). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Stage parse(String key) {
        for (Stage s : values()) {
            if (s.key().equals(key.strip().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown stage '" + key + "', known: vlm, siglip, fusion, dit, decode");
    }
}
