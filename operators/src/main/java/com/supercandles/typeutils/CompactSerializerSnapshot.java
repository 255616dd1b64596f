package com.supercandles.typeutils;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;

/**
 * The snapshot of every {@link CompactSerializer}: they have no configuration, so it only names the
 * serializer's class, and a restore is compatible when the class is the same.
 */
public final class CompactSerializerSnapshot<T> implements TypeSerializerSnapshot<T> {
    private static final int VERSION = 1;

    private Class<?> serializerClass;

    /** For Flink, which then reads the class with {@link #readSnapshot}. */
    public CompactSerializerSnapshot() {}

    CompactSerializerSnapshot(Class<?> serializerClass) {
        this.serializerClass = serializerClass;
    }

    @Override
    public int getCurrentVersion() {
        return VERSION;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
        out.writeUTF(serializerClass.getName());
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
        String name = in.readUTF();
        try {
            serializerClass = Class.forName(name, false, classLoader);
        } catch (ClassNotFoundException e) {
            throw new IOException("the state was written with serializer " + name + ", which this build does not have", e);
        }
        if (!CompactSerializer.class.isAssignableFrom(serializerClass)) {
            throw new IOException(name + " is not a " + CompactSerializer.class.getSimpleName());
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public TypeSerializer<T> restoreSerializer() {
        try {
            return (TypeSerializer<T>) serializerClass.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
            throw new IllegalStateException("cannot create " + serializerClass.getName(), cause);
        }
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> oldSnapshot) {
        boolean same = oldSnapshot instanceof CompactSerializerSnapshot
                && ((CompactSerializerSnapshot<?>) oldSnapshot).serializerClass == serializerClass;
        return same ? TypeSerializerSchemaCompatibility.compatibleAsIs() : TypeSerializerSchemaCompatibility.incompatible();
    }
}
