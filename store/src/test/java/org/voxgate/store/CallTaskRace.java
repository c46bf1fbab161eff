package org.voxgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.voxgate.store.CallTaskRepository.ClaimResult;
import org.voxgate.store.CallTaskRepository.TaskEnd;
import org.voxgate.store.CallTaskRepository.WindowGate;

/**
 * Several nodes (stores with their own pools) and threads draining one campaign's queue at once,
 * each completing what it claims at once; half of the contacts get a retry that is due at once,
 * so new tasks appear while the race runs. Every task must be claimed exactly once and none lost.
 */
final class CallTaskRace {

    private static final Instant SCHEDULE = AbstractCallTaskRepositoryTest.SCHEDULE;
    private static final Instant REAL = AbstractCallTaskRepositoryTest.REAL;

    private CallTaskRace() {
    }

    /** Runs the race over {@code nodes} with {@code threadsPerNode} threads each; asserts the outcome. */
    static void run(List<Store> nodes, int threadsPerNode, int contacts) throws Exception {
        Store first = nodes.get(0);
        String campaignId = first.campaigns().create(CampaignFixtures.campaign("race")).id();
        first.campaignContacts().add(campaignId, CampaignFixtures.contacts(contacts), CampaignFixtures.CREATED,
                SCHEDULE);
        first.campaigns().transition(campaignId, Set.of(Campaign.DRAFT), Campaign.RUNNING, CampaignFixtures.CREATED);

        Map<Long, String> claimedBy = new ConcurrentHashMap<>();
        AtomicInteger twice = new AtomicInteger();
        AtomicInteger lostCompletions = new AtomicInteger();
        // Set when the race is over for whatever reason (a worker failed, time ran out), so no
        // worker keeps looping over a task that can no longer end.
        AtomicBoolean stop = new AtomicBoolean();
        int threads = nodes.size() * threadsPerNode;
        CyclicBarrier together = new CyclicBarrier(threads);
        List<Callable<Integer>> workers = new ArrayList<>();
        for (int n = 0; n < nodes.size(); n++) {
            CallTaskRepository queue = nodes.get(n).callTasks();
            for (int t = 0; t < threadsPerNode; t++) {
                String node = "node-" + n + "-" + t;
                workers.add(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    int mine = 0;
                    while (!stop.get()) {
                        ClaimResult result = queue.claim(new CallTaskRepository.ClaimRequest(campaignId, node,
                                SCHEDULE, REAL, Duration.ofMinutes(5), 10_000, Duration.ZERO, WindowGate.open()));
                        if (result instanceof ClaimResult.Claimed claimed) {
                            CallTask task = claimed.task();
                            if (claimedBy.putIfAbsent(task.id(), node) != null) {
                                twice.incrementAndGet();
                            }
                            mine++;
                            boolean retry = task.attempt() == 1 && task.contactId() % 2 == 0;
                            if (!queue.complete(task.id(), node, new TaskEnd(retry ? "BUSY" : "COMPLETED", null,
                                    "call-" + task.id(), null, null), retry ? SCHEDULE : null, REAL)) {
                                lostCompletions.incrementAndGet();
                            }
                        } else if (result instanceof ClaimResult.Idle idle && idle.nextDue() == null) {
                            // Nothing queued; a retry may still be inserted by a completion in flight.
                            if (!queue.hasOpenTasks(campaignId)) {
                                return mine;
                            }
                        } else if (!(result instanceof ClaimResult.Idle)) {
                            throw new AssertionError("unexpected " + result);
                        }
                    }
                    throw new AssertionError(node + " stopped before the queue was drained");
                });
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        int total = 0;
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (Callable<Integer> worker : workers) {
                futures.add(pool.submit(() -> {
                    try {
                        return worker.call();
                    } catch (Exception | AssertionError e) {
                        stop.set(true);
                        throw e;
                    }
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            for (Future<Integer> f : futures) {
                total += f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }

        long contactsWithRetry = first.campaignContacts().list(campaignId, null, 0, contacts).stream()
                .filter(c -> c.id() % 2 == 0).count();
        assertThat(twice.get()).as("tasks claimed twice").isZero();
        assertThat(lostCompletions.get()).as("completions refused").isZero();
        assertThat(total).isEqualTo(claimedBy.size()).isEqualTo(contacts + (int) contactsWithRetry);
        assertThat(first.campaignContacts().count(campaignId, CampaignContact.DONE)).isEqualTo(contacts);
        assertThat(first.callTasks().hasOpenTasks(campaignId)).isFalse();
        first.campaignContacts().forEach(campaignId, c -> {
            assertThat(c.outcome()).isEqualTo("COMPLETED");
            assertThat(c.attempts()).isEqualTo(c.id() % 2 == 0 ? 2 : 1);
        });
    }
}
