package com.supercandles.typeutils;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

import java.lang.reflect.Type;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The type information of a class serialized by a {@link CompactSerializer}, for its
 * {@code @TypeInfo} factory: wherever Flink extracts the class (a stream's type, a state's, a POJO's
 * field), it gets the hand-written serializer instead of the POJO one.
 */
public final class CompactTypeInfo<T> extends TypeInformation<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final SerializableSupplier<? extends CompactSerializer<T>> serializer;

    /** A supplier that survives the job graph's serialization. */
    public interface SerializableSupplier<S> extends Supplier<S>, java.io.Serializable {}

    /** The {@code @TypeInfo} factory of a type with a compact serializer: a subclass names the two. */
    public abstract static class Factory<T> extends TypeInfoFactory<T> {
        private final Class<T> type;
        private final SerializableSupplier<? extends CompactSerializer<T>> serializer;

        protected Factory(Class<T> type, SerializableSupplier<? extends CompactSerializer<T>> serializer) {
            this.type = type;
            this.serializer = serializer;
        }

        @Override
        public TypeInformation<T> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return new CompactTypeInfo<>(type, serializer);
        }
    }

    public CompactTypeInfo(Class<T> type, SerializableSupplier<? extends CompactSerializer<T>> serializer) {
        this.type = type;
        this.serializer = serializer;
    }

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
    public Class<T> getTypeClass() {
        return type;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return serializer.get();
    }

    @Override
    public String toString() {
        return "CompactTypeInfo<" + type.getSimpleName() + ">";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompactTypeInfo && ((CompactTypeInfo<?>) o).type == type;
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof CompactTypeInfo;
    }
}
