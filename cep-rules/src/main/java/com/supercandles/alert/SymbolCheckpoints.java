package com.supercandles.alert;

import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Where a keyed operator that keeps its symbols' figures on the heap (flat arrays at a symbol id, for
 * speed) puts them at a checkpoint: in keyed state, by symbol, so that a restore at another
 * parallelism hands each symbol's figures to the subtask that reads the symbol from then on (Flink
 * reassigns keyed state by key group, the same way it routes the records after the {@code keyBy}).
 * Only the symbols touched since the last checkpoint are written; a restore reads every symbol of the
 * subtask's key groups.
 *
 * <p>Releases before 0.3 kept these figures in operator state (a list of entries split among the
 * subtasks without regard to symbols): a restore from one of those takes the entries of this
 * subtask's key groups, and logs how many belong elsewhere (at parallelism 1, none).
 *
 * @param <F> one symbol's figures in their checkpoint form
 */
final class SymbolCheckpoints<F> {
    private static final Logger LOG = LoggerFactory.getLogger(SymbolCheckpoints.class);

    private final String name;
    private final KeyedStateBackend<Object> backend;
    private final TaskInfo task;
    private final ValueState<F> state;
    /** Per symbol id: touched since the last checkpoint. */
    private boolean[] dirty = new boolean[1024];
    private int highest = -1;

    @SuppressWarnings("unchecked")
    SymbolCheckpoints(AbstractStreamOperator<?> operator, String name, Class<F> form) throws Exception {
        this.name = name;
        this.backend = (KeyedStateBackend<Object>) operator.getKeyedStateBackend();
        this.task = operator.getRuntimeContext().getTaskInfo();
        if (backend == null) {
            throw new IllegalStateException(name + ": the operator must run after a keyBy(symbol)");
        }
        this.state = backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                new ValueStateDescriptor<>(name, form));
    }

    /** The symbol of id {@code id} changed: it is written at the next checkpoint. */
    void touched(int id) {
        if (id >= dirty.length) {
            dirty = Arrays.copyOf(dirty, Math.max(id + 1, dirty.length * 2));
        }
        dirty[id] = true;
        if (id > highest) {
            highest = id;
        }
    }

    /** Writes the figures of every symbol touched since the last checkpoint. */
    void write(IntFunction<String> symbolOf, IntFunction<F> formOf) throws Exception {
        for (int id = 0; id <= highest; id++) {
            if (dirty[id]) {
                backend.setCurrentKey(symbolOf.apply(id));
                state.update(formOf.apply(id));
                dirty[id] = false;
            }
        }
        highest = -1;
    }

    /** Hands every symbol of this subtask's key groups, with its figures, to {@code into}. */
    void restore(BiConsumer<String, F> into) throws Exception {
        List<Object> symbols = new ArrayList<>();
        try (var keys = backend.getKeys(name, VoidNamespace.INSTANCE)) {
            keys.forEach(symbols::add);
        }
        for (Object symbol : symbols) {
            backend.setCurrentKey(symbol);
            F figures = state.value();
            if (figures != null) {
                into.accept((String) symbol, figures);
            }
        }
    }

    /**
     * Takes the entries of an earlier release's operator state {@code legacy}, those of symbols in this
     * subtask's key groups ({@code into} must mark them touched, so that they reach keyed state at the
     * next checkpoint), and empties it.
     */
    <E> void restoreLegacy(StateInitializationContext context, ListStateDescriptor<E> legacy,
                           Function<E, String> symbolOf, BiConsumer<String, E> into) throws Exception {
        if (!context.isRestored()) {
            return;
        }
        ListState<E> entries = context.getOperatorStateStore().getListState(legacy);
        int elsewhere = 0;
        for (E e : entries.get()) {
            String symbol = symbolOf.apply(e);
            if (KeyGroupRangeAssignment.assignKeyToParallelOperator(symbol, task.getMaxNumberOfParallelSubtasks(),
                    task.getNumberOfParallelSubtasks()) == task.getIndexOfThisSubtask()) {
                into.accept(symbol, e);
            } else {
                elsewhere++;
            }
        }
        entries.clear();
        if (elsewhere > 0) {
            LOG.warn("{}: {} symbols of a checkpoint of an earlier release belong to other subtasks' key groups:"
                    + " their figures start over", legacy.getName(), elsewhere);
        }
    }
}
