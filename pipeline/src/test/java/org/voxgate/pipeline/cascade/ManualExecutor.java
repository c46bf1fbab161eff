package org.voxgate.pipeline.cascade;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/** An executor the test runs by hand, so the engine's frames are handled exactly when the test says. */
final class ManualExecutor implements Executor {
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(task);
    }

    /** Runs tasks (and the tasks they schedule) until none is left. */
    void runAll() {
        Runnable t;
        while ((t = next()) != null) {
            t.run();
        }
    }

    private synchronized Runnable next() {
        return tasks.poll();
    }
}
