package org.voxgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voxgate.store.CampaignFixtures.CREATED;
import static org.voxgate.store.CampaignFixtures.campaign;
import static org.voxgate.store.CampaignFixtures.contact;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.store.CallTaskRepository.ClaimRequest;
import org.voxgate.store.CallTaskRepository.ClaimResult;
import org.voxgate.store.CallTaskRepository.ClaimResult.Claimed;
import org.voxgate.store.CallTaskRepository.TaskEnd;
import org.voxgate.store.CallTaskRepository.WindowGate;

/** The dialling queue, run once per database by the subclasses. */
abstract class AbstractCallTaskRepositoryTest {

    /** Campaign clock. */
    static final Instant SCHEDULE = Instant.parse("2026-12-01T15:00:00Z");
    /** Real clock. */
    static final Instant REAL = Instant.parse("2026-11-23T10:00:00.000001Z");
    static final Duration LEASE = Duration.ofSeconds(30);

    Store store;
    CallTaskRepository tasks;
    CampaignContactRepository contacts;
    String campaignId;

    abstract StoreConfig config();

    @BeforeEach
    void openStore() throws Exception {
        store = Store.open(config());
        CampaignFixtures.clear(store);
        tasks = store.callTasks();
        contacts = store.campaignContacts();
        campaignId = store.campaigns().create(campaign("queue")).id();
        store.campaigns().transition(campaignId, Set.of(Campaign.DRAFT), Campaign.RUNNING, CREATED);
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    static ClaimRequest request(String campaign, String node, Instant scheduleNow, Instant realNow, int maxConcurrent,
            Duration pacing, WindowGate gate) {
        return new ClaimRequest(campaign, node, scheduleNow, realNow, LEASE, maxConcurrent, pacing, gate);
    }

    private ClaimResult claim(String node, Instant realNow) {
        return tasks.claim(request(campaignId, node, SCHEDULE, realNow, 100, Duration.ZERO, WindowGate.open()));
    }

    private Claimed claimed(String node, Instant realNow) {
        ClaimResult result = claim(node, realNow);
        assertThat(result).isInstanceOf(Claimed.class);
        return (Claimed) result;
    }

    private void add(Instant due, String... phones) {
        List<NewContact> list = new java.util.ArrayList<>();
        for (String phone : phones) {
            list.add(contact(list.size() + 2, phone));
        }
        contacts.add(campaignId, list, CREATED, due);
    }

    private CampaignContact contactOf(CallTask task) {
        return contacts.find(campaignId, task.contactId()).orElseThrow();
    }

    @Test
    void claimsTheEarliestDueTaskAndLeasesIt() {
        add(SCHEDULE.minusSeconds(10), "+14155550001", "+14155550002");
        add(SCHEDULE.minusSeconds(60), "+14155550003");
        add(SCHEDULE.plusSeconds(60), "+14155550004");

        Claimed first = claimed("node-a", REAL);
        assertThat(first.contact().phone()).isEqualTo("+14155550003");
        CallTask task = first.task();
        assertThat(task.state()).isEqualTo(CallTask.DIALING);
        assertThat(task.node()).isEqualTo("node-a");
        assertThat(task.claimedAt()).isEqualTo(REAL);
        assertThat(task.leaseUntil()).isEqualTo(REAL.plus(LEASE));
        assertThat(task.attempt()).isEqualTo(1);
        assertThat(claimed("node-a", REAL).contact().phone()).isEqualTo("+14155550001");
        assertThat(claimed("node-b", REAL).contact().phone()).as("ties by id").isEqualTo("+14155550002");
        assertThat(claim("node-a", REAL)).isEqualTo(new ClaimResult.Idle(SCHEDULE.plusSeconds(60)));
        assertThat(tasks.dialing(campaignId)).isEqualTo(3);
        assertThat(tasks.dialingBy("node-a")).extracting(CallTask::id).contains(task.id()).hasSize(2);
    }

    @Test
    void pacingSpacesClaimsOnTheRealClock() {
        add(SCHEDULE, "+14155550001", "+14155550002", "+14155550003");
        Duration pacing = Duration.ofMillis(500);
        ClaimRequest at0 = request(campaignId, "node-a", SCHEDULE, REAL, 100, pacing, WindowGate.open());
        ClaimRequest at300 = request(campaignId, "node-b", SCHEDULE, REAL.plusMillis(300), 100, pacing,
                WindowGate.open());
        ClaimRequest at500 = request(campaignId, "node-b", SCHEDULE, REAL.plusMillis(500), 100, pacing,
                WindowGate.open());

        assertThat(tasks.claim(at0)).isInstanceOf(Claimed.class);
        assertThat(tasks.claim(at300)).isEqualTo(new ClaimResult.Paced(REAL.plusMillis(500)));
        assertThat(tasks.claim(at500)).isInstanceOf(Claimed.class);
        // Pausing and resuming starts pacing afresh.
        store.campaigns().transition(campaignId, Set.of(Campaign.RUNNING), Campaign.PAUSED, CREATED);
        assertThat(tasks.claim(at500)).isEqualTo(new ClaimResult.NotRunning(Campaign.PAUSED));
        store.campaigns().transition(campaignId, Set.of(Campaign.PAUSED), Campaign.RUNNING, CREATED);
        assertThat(tasks.claim(at500)).isInstanceOf(Claimed.class);
    }

    @Test
    void aClaimLessThanOneSpacingLateKeepsTheScheduleAndALaterOneRestartsIt() {
        add(SCHEDULE, "+14155550001", "+14155550002", "+14155550003", "+14155550004");
        Duration pacing = Duration.ofMillis(500);
        assertThat(tasks.claim(request(campaignId, "a", SCHEDULE, REAL, 100, pacing, WindowGate.open())))
                .isInstanceOf(Claimed.class);
        // due at 500, claimed at 700: the next stays due at 1000, so the rate does not sag
        assertThat(tasks.claim(request(campaignId, "a", SCHEDULE, REAL.plusMillis(700), 100, pacing,
                WindowGate.open()))).isInstanceOf(Claimed.class);
        assertThat(tasks.claim(request(campaignId, "a", SCHEDULE, REAL.plusMillis(900), 100, pacing,
                WindowGate.open()))).isEqualTo(new ClaimResult.Paced(REAL.plusMillis(1000)));
        // a whole spacing late: no catching up in a burst; the next is one spacing after this one
        assertThat(tasks.claim(request(campaignId, "a", SCHEDULE, REAL.plusMillis(2000), 100, pacing,
                WindowGate.open()))).isInstanceOf(Claimed.class);
        assertThat(tasks.claim(request(campaignId, "a", SCHEDULE, REAL.plusMillis(2400), 100, pacing,
                WindowGate.open()))).isEqualTo(new ClaimResult.Paced(REAL.plusMillis(2500)));
    }

    @Test
    void noMoreSendsInAnyWindowThanAllowedAcrossNodes() {
        add(SCHEDULE, "+14155550001", "+14155550002", "+14155550003", "+14155550004");
        Duration second = Duration.ofMillis(1000);
        Claimed first = (Claimed) tasks.claim(windowed("node-a", REAL, second));
        tasks.attachCall(first.task().id(), "call-1", REAL.plusMillis(10));
        Claimed next = (Claimed) tasks.claim(windowed("node-b", REAL.plusMillis(20), second));
        tasks.attachCall(next.task().id(), "call-2", REAL.plusMillis(30));
        // two sends in the last second: the window frees when the older leaves it
        assertThat(tasks.claim(windowed("node-a", REAL.plusMillis(40), second)))
                .isEqualTo(new ClaimResult.Paced(REAL.plusMillis(1010)));
        assertThat(tasks.claim(windowed("node-a", REAL.plusMillis(1010), second))).isInstanceOf(Claimed.class);
    }

    @Test
    void aClaimNotYetSentCountsAsSentNow() {
        add(SCHEDULE, "+14155550001", "+14155550002");
        Duration second = Duration.ofMillis(1000);
        ClaimRequest one = new ClaimRequest(campaignId, "node-a", SCHEDULE, REAL, Duration.ofSeconds(30), 100,
                Duration.ZERO, WindowGate.open(), 1, second);
        assertThat(tasks.claim(one)).isInstanceOf(Claimed.class);
        ClaimRequest later = new ClaimRequest(campaignId, "node-b", SCHEDULE, REAL.plusMillis(100),
                Duration.ofSeconds(30), 100, Duration.ZERO, WindowGate.open(), 1, second);
        assertThat(tasks.claim(later)).isEqualTo(new ClaimResult.Paced(REAL.plusMillis(1100)));
    }

    private ClaimRequest windowed(String node, Instant realNow, Duration window) {
        return new ClaimRequest(campaignId, node, SCHEDULE, realNow, Duration.ofSeconds(30), 100, Duration.ZERO,
                WindowGate.open(), 2, window);
    }

    @Test
    void isFullAtMaxConcurrentAndNotRunningOutsideRunning() {
        add(SCHEDULE, "+14155550001", "+14155550002", "+14155550003");
        ClaimRequest two = request(campaignId, "node-a", SCHEDULE, REAL, 2, Duration.ZERO, WindowGate.open());

        assertThat(tasks.claim(two)).isInstanceOf(Claimed.class);
        Claimed second = (Claimed) tasks.claim(two);
        assertThat(tasks.claim(two)).isEqualTo(new ClaimResult.Full(2));
        tasks.complete(second.task().id(), "node-a", new TaskEnd("BUSY", "486", null, null, null), null, REAL);
        assertThat(tasks.claim(two)).isInstanceOf(Claimed.class);

        String draft = store.campaigns().create(campaign("draft")).id();
        assertThat(tasks.claim(request(draft, "node-a", SCHEDULE, REAL, 2, Duration.ZERO, WindowGate.open())))
                .isEqualTo(new ClaimResult.NotRunning(Campaign.DRAFT));
        assertThat(tasks.claim(request("no-such-id", "node-a", SCHEDULE, REAL, 2, Duration.ZERO, WindowGate.open())))
                .isEqualTo(new ClaimResult.NotRunning(null));
    }

    @Test
    void theWindowGateReschedulesContactsOutsideTheirWindow() {
        add(SCHEDULE.minusSeconds(60), "+14155550001");
        add(SCHEDULE.minusSeconds(30), "+14155550002");
        Instant tomorrow = SCHEDULE.plus(Duration.ofHours(18));
        WindowGate onlyTwo = (contact, now) -> {
            assertThat(now).isEqualTo(SCHEDULE);
            return contact.phone().equals("+14155550002") ? Optional.empty() : Optional.of(tomorrow);
        };

        ClaimResult result = tasks.claim(request(campaignId, "node-a", SCHEDULE, REAL, 10, Duration.ZERO, onlyTwo));
        assertThat(((Claimed) result).contact().phone()).isEqualTo("+14155550002");
        CampaignContact first = contacts.list(campaignId, null, 0, 1).get(0);
        assertThat(contacts.attempts(first.id())).singleElement().satisfies(t -> {
            assertThat(t.state()).isEqualTo(CallTask.QUEUED);
            assertThat(t.dueAt()).isEqualTo(tomorrow);
        });
        assertThat(tasks.claim(request(campaignId, "node-a", SCHEDULE, REAL, 10, Duration.ZERO, onlyTwo)))
                .isEqualTo(new ClaimResult.Idle(tomorrow));
        assertThat(tasks.claim(request(campaignId, "node-a", tomorrow, REAL, 10, Duration.ZERO, WindowGate.open())))
                .isInstanceOf(Claimed.class);
    }

    @Test
    void numbersOnTheDoNotCallListAreEndedNotDialled() {
        add(SCHEDULE.minusSeconds(60), "+14155550001");
        add(SCHEDULE.minusSeconds(30), "+14155550002");
        store.doNotCall().add("+14155550001", "opted out", CREATED);

        assertThat(claimed("node-a", REAL).contact().phone()).isEqualTo("+14155550002");
        CampaignContact blocked = contacts.list(campaignId, null, 0, 1).get(0);
        assertThat(blocked.status()).isEqualTo(CampaignContact.DONE);
        assertThat(blocked.outcome()).isEqualTo("DO_NOT_CALL");
        assertThat(blocked.attempts()).isZero();
        assertThat(contacts.attempts(blocked.id())).singleElement().satisfies(t -> {
            assertThat(t.state()).isEqualTo(CallTask.DONE);
            assertThat(t.outcome()).isEqualTo("DO_NOT_CALL");
            assertThat(t.node()).isNull();
        });
        assertThat(claim("node-a", REAL)).isEqualTo(new ClaimResult.Idle(null));
    }

    @Test
    void completingEndsTheContactOrQueuesItsRetryOnce() {
        add(SCHEDULE, "+14155550001", "+14155550002");
        Claimed busy = claimed("node-a", REAL);
        Claimed answered = claimed("node-a", REAL);
        tasks.attachCall(answered.task().id(), "call-1", REAL);
        Instant ended = REAL.plusSeconds(40);
        Instant retryDue = SCHEDULE.plus(Duration.ofMinutes(10));

        assertThat(tasks.complete(busy.task().id(), "node-a", new TaskEnd("BUSY", "486 Busy Here", "call-0", null,
                null), retryDue, ended)).isTrue();
        assertThat(tasks.complete(busy.task().id(), "node-a", new TaskEnd("FAILED", null, null, null, null), null,
                ended)).as("a second end changes nothing").isFalse();
        assertThat(tasks.complete(answered.task().id(), "node-a", new TaskEnd("COMPLETED", "bye", null, "HUMAN", 850),
                null, ended)).isTrue();

        CampaignContact retried = contactOf(busy.task());
        assertThat(retried.status()).isEqualTo(CampaignContact.PENDING);
        assertThat(retried.outcome()).isEqualTo("BUSY");
        assertThat(retried.attempts()).isEqualTo(1);
        List<CallTask> attempts = contacts.attempts(retried.id());
        assertThat(attempts).extracting(CallTask::attempt).containsExactly(1, 2);
        assertThat(attempts.get(0)).isEqualTo(new CallTask(busy.task().id(), campaignId, retried.id(), 1,
                CallTask.DONE, SCHEDULE, "node-a", REAL.plus(LEASE), REAL, "call-0", "BUSY", "486 Busy Here", null,
                null, ended));
        assertThat(attempts.get(1).state()).isEqualTo(CallTask.QUEUED);
        assertThat(attempts.get(1).dueAt()).isEqualTo(retryDue);

        CampaignContact done = contactOf(answered.task());
        assertThat(done.status()).isEqualTo(CampaignContact.DONE);
        assertThat(done.outcome()).isEqualTo("COMPLETED");
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(done.updatedAt()).isEqualTo(ended);
        CallTask answeredTask = contacts.attempts(done.id()).get(0);
        assertThat(answeredTask.callId()).as("kept from attachCall").isEqualTo("call-1");
        assertThat(answeredTask.amdResult()).isEqualTo("HUMAN");
        assertThat(answeredTask.amdMillis()).isEqualTo(850);

        assertThat(claim("node-a", REAL)).isEqualTo(new ClaimResult.Idle(retryDue));
        Claimed second = (Claimed) tasks.claim(request(campaignId, "node-b", retryDue, REAL, 10, Duration.ZERO,
                WindowGate.open()));
        assertThat(second.task().attempt()).isEqualTo(2);
        assertThat(second.contact().attempts()).isEqualTo(1);
    }

    @Test
    void aReleasedTaskIsQueuedAgainWithoutAnAttempt() {
        add(SCHEDULE, "+14155550001");
        Claimed claimed = claimed("node-a", REAL);
        Instant later = SCHEDULE.plusSeconds(300);

        assertThat(tasks.release(claimed.task().id(), "node-b", later)).as("not node-b's").isFalse();
        assertThat(tasks.release(claimed.task().id(), "node-a", later)).isTrue();
        assertThat(tasks.release(claimed.task().id(), "node-a", later)).isFalse();
        CallTask queued = contacts.attempts(claimed.contact().id()).get(0);
        assertThat(queued).isEqualTo(new CallTask(claimed.task().id(), campaignId, claimed.contact().id(), 1,
                CallTask.QUEUED, later, null, null, null, null, null, null, null, null, null));
        assertThat(contactOf(queued).attempts()).isZero();
        assertThat(tasks.dialing(campaignId)).isZero();
        assertThat(claim("node-a", REAL)).isEqualTo(new ClaimResult.Idle(later));
    }

    @Test
    void anExpiredLeaseIsEndedByAnotherNodeAndTheOwnerLosesIt() {
        add(SCHEDULE, "+14155550001", "+14155550002");
        Claimed lost = claimed("node-a", REAL);
        Claimed kept = claimed("node-b", REAL);
        Instant renewed = REAL.plusSeconds(20);

        assertThat(tasks.renewLeases("node-b", renewed, LEASE)).isEqualTo(1);
        assertThat(tasks.expired(REAL.plus(LEASE), 10)).as("not before the lease ends").isEmpty();
        List<CallTask> expired = tasks.expired(REAL.plus(LEASE).plusSeconds(1), 10);
        assertThat(expired).extracting(CallTask::id).containsExactly(lost.task().id());
        assertThat(tasks.expired(renewed.plus(LEASE).plusSeconds(1), 10)).hasSize(2);

        // node-b recovers node-a's task: it ends it on node-a's behalf, with a retry.
        CallTask stale = expired.get(0);
        assertThat(tasks.complete(stale.id(), stale.node(), new TaskEnd("FAILED", "node_lost", null, null, null),
                SCHEDULE.plusSeconds(60), REAL.plusSeconds(31))).isTrue();
        assertThat(tasks.complete(lost.task().id(), "node-a", new TaskEnd("COMPLETED", "bye", "call-late", null,
                null), null, REAL.plusSeconds(32))).as("node-a comes back too late").isFalse();
        assertThat(contacts.attempts(lost.contact().id())).extracting(CallTask::state)
                .containsExactly(CallTask.DONE, CallTask.QUEUED);
        assertThat(contacts.attempts(lost.contact().id()).get(0).outcome()).isEqualTo("FAILED");
        assertThat(tasks.expired(REAL.plus(LEASE).plusSeconds(1), 10)).isEmpty();
        assertThat(tasks.dialingBy("node-a")).isEmpty();
        assertThat(tasks.dialingBy("node-b")).extracting(CallTask::id).containsExactly(kept.task().id());
    }

    @Test
    void cancellingQueuedTasksLeavesDiallingOnesToEnd() {
        add(SCHEDULE, "+14155550001", "+14155550002", "+14155550003");
        Claimed dialling = claimed("node-a", REAL);
        Instant stop = REAL.plusSeconds(5);

        assertThat(tasks.cancelQueued(campaignId, "STOPPED", stop)).isEqualTo(2);
        assertThat(tasks.cancelQueued(campaignId, "STOPPED", stop)).isZero();
        assertThat(contacts.count(campaignId, CampaignContact.DONE)).isEqualTo(2);
        assertThat(contacts.list(campaignId, CampaignContact.DONE, 0, 10)).allSatisfy(c -> {
            assertThat(c.outcome()).isEqualTo("STOPPED");
            assertThat(contacts.attempts(c.id())).singleElement().extracting(CallTask::state)
                    .isEqualTo(CallTask.CANCELLED);
        });
        assertThat(tasks.hasOpenTasks(campaignId)).isTrue();
        assertThat(tasks.dialing(campaignId)).isEqualTo(1);
        assertThat(tasks.complete(dialling.task().id(), "node-a", new TaskEnd("COMPLETED", null, null, null, null),
                null, stop)).isTrue();
        assertThat(tasks.hasOpenTasks(campaignId)).isFalse();
        assertThat(contacts.count(campaignId, CampaignContact.PENDING)).isZero();
    }

    @Test
    void anAttemptEndingAfterTheCampaignStoppedGetsNoRetry() {
        add(SCHEDULE, "+14155550001", "+14155550002");
        Claimed dialling = claimed("node-a", REAL);
        store.campaigns().transition(campaignId, Set.of(Campaign.RUNNING), Campaign.STOPPED, CREATED);
        assertThat(tasks.cancelQueued(campaignId, "STOPPED", REAL)).isEqualTo(1);

        assertThat(tasks.complete(dialling.task().id(), "node-a", new TaskEnd("NO_ANSWER", null, null, null, null),
                SCHEDULE.plusSeconds(600), REAL.plusSeconds(30))).isTrue();
        CampaignContact contact = contactOf(dialling.task());
        assertThat(contact.status()).isEqualTo(CampaignContact.DONE);
        assertThat(contact.outcome()).isEqualTo("NO_ANSWER");
        assertThat(contacts.attempts(contact.id())).hasSize(1);
        assertThat(tasks.hasOpenTasks(campaignId)).isFalse();
    }
}
