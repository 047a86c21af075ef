package dev.uniworld.pipeline.record;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Type information of the records between stages; hands Flink {@link InFlightSerializer} instead of Kryo. */
public final class InFlightTypeInfo extends TypeInformation<InFlight> {

    private static final long serialVersionUID = 1L;
    public static final InFlightTypeInfo INSTANCE = new InFlightTypeInfo();

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<InFlight> getTypeClass() {
        return InFlight.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<InFlight> createSerializer(SerializerConfig config) {
        return InFlightSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "InFlight";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof InFlightTypeInfo;
    }

    @Override
    public int hashCode() {
        return InFlightTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof InFlightTypeInfo;
    }
}
