package org.voxgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.voxgate.store.CampaignFixtures.CREATED;
import static org.voxgate.store.CampaignFixtures.campaign;
import static org.voxgate.store.CampaignFixtures.contact;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Campaigns, their contacts and the do-not-call list, run once per database by the subclasses. */
abstract class AbstractCampaignStoreTest {

    private static final Instant LATER = CREATED.plusSeconds(3600);
    private static final Instant DUE = Instant.parse("2026-12-01T14:00:00Z");

    private Store store;
    private CampaignRepository campaigns;
    private CampaignContactRepository contacts;

    abstract StoreConfig config();

    @BeforeEach
    void openStore() throws Exception {
        store = Store.open(config());
        CampaignFixtures.clear(store);
        campaigns = store.campaigns();
        contacts = store.campaignContacts();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void createsFindsByIdOrNameAndListsNewestFirst() {
        Campaign first = campaigns.create(campaign("winter-sale"));
        Campaign second = campaigns.create(new Campaign(null, "renewals", "bot-2", "trunk-2", null, "Europe/Prague",
                CampaignFixtures.plainSettings(), Campaign.RUNNING, CREATED.plusSeconds(1), null, null, null));

        assertThat(first.id()).hasSize(36);
        assertThat(first).isEqualTo(new Campaign(first.id(), "winter-sale", "sales-bot", "carrier", "+14155550100",
                "America/New_York", CampaignFixtures.fullSettings(), Campaign.DRAFT, CREATED, CREATED, null, null));
        assertThat(second.state()).as("created campaigns are drafts").isEqualTo(Campaign.DRAFT);
        assertThat(campaigns.find(first.id())).contains(first);
        assertThat(campaigns.find("winter-sale")).contains(first);
        assertThat(campaigns.find("nothing")).isEmpty();
        assertThat(campaigns.list(null, 0, 10)).containsExactly(second, first);
        assertThat(campaigns.list(null, 1, 10)).containsExactly(first);
        assertThat(campaigns.list(Campaign.RUNNING, 0, 10)).isEmpty();
        assertThat(campaigns.count(null)).isEqualTo(2);
        assertThat(campaigns.count(Campaign.DRAFT)).isEqualTo(2);
        assertThatThrownBy(() -> campaigns.list(null, -1, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLiveNameIsTakenUntilItsCampaignIsDeleted() {
        Campaign first = campaigns.create(campaign("winter-sale"));
        assertThatThrownBy(() -> campaigns.create(campaign("winter-sale")))
                .isInstanceOf(CampaignConflictException.class).isInstanceOf(StoreException.class)
                .hasMessageContaining("winter-sale");

        assertThat(campaigns.delete(first.id(), LATER)).isTrue();
        assertThat(campaigns.delete(first.id(), LATER)).isFalse();
        assertThat(campaigns.find(first.id())).isEmpty();
        assertThat(campaigns.count(null)).isZero();
        Campaign again = campaigns.create(campaign("winter-sale"));
        assertThat(campaigns.find("winter-sale")).contains(again);
    }

    @Test
    void updatesOnlyDraftOrPausedCampaigns() {
        Campaign c = campaigns.create(campaign("winter-sale"));
        campaigns.create(campaign("taken"));
        Campaign changed = new Campaign(c.id(), "spring-sale", "other-bot", "trunk-b", null, "UTC",
                CampaignFixtures.plainSettings(), Campaign.COMPLETED, LATER, null, null, null);

        Campaign updated = campaigns.update(changed, LATER);
        assertThat(updated).isEqualTo(new Campaign(c.id(), "spring-sale", "other-bot", "trunk-b", null, "UTC",
                CampaignFixtures.plainSettings(), Campaign.DRAFT, CREATED, LATER, null, null));
        assertThat(campaigns.find("winter-sale")).isEmpty();

        Campaign clash = new Campaign(c.id(), "taken", "b", "t", null, "UTC", CampaignFixtures.plainSettings(), null,
                CREATED, null, null, null);
        assertThatThrownBy(() -> campaigns.update(clash, LATER)).isInstanceOf(CampaignConflictException.class);

        assertThat(campaigns.transition(c.id(), Set.of(Campaign.DRAFT), Campaign.RUNNING, LATER)).isTrue();
        assertThatThrownBy(() -> campaigns.update(changed, LATER)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("running");
        assertThat(campaigns.transition(c.id(), Set.of(Campaign.RUNNING), Campaign.PAUSED, LATER)).isTrue();
        assertThat(campaigns.update(changed, LATER.plusSeconds(1)).updatedAt()).isEqualTo(LATER.plusSeconds(1));

        Campaign unknown = new Campaign("00000000-0000-0000-0000-000000000000", "x", "b", "t", null, "UTC",
                CampaignFixtures.plainSettings(), null, CREATED, null, null, null);
        assertThatThrownBy(() -> campaigns.update(unknown, LATER)).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void transitionsAreConditionalAndStampTheirTimes() {
        Campaign c = campaigns.create(campaign("winter-sale"));
        Instant start = LATER;
        Instant resume = LATER.plusSeconds(60);
        Instant stop = LATER.plusSeconds(120);

        assertThat(campaigns.transition(c.id(), Set.of(Campaign.PAUSED), Campaign.RUNNING, start)).isFalse();
        assertThat(campaigns.transition(c.id(), Set.of(Campaign.DRAFT, Campaign.PAUSED), Campaign.RUNNING, start))
                .isTrue();
        assertThat(campaigns.running()).extracting(Campaign::id).containsExactly(c.id());
        assertThat(campaigns.transition(c.id(), Set.of(Campaign.RUNNING), Campaign.PAUSED, start.plusSeconds(1)))
                .isTrue();
        assertThat(campaigns.running()).isEmpty();
        assertThat(campaigns.transition(c.id(), Set.of(Campaign.PAUSED), Campaign.RUNNING, resume)).isTrue();
        Campaign running = campaigns.find(c.id()).orElseThrow();
        assertThat(running.startedAt()).as("the first start stays").isEqualTo(start);
        assertThat(running.updatedAt()).isEqualTo(resume);
        assertThat(running.finishedAt()).isNull();

        assertThat(campaigns.transition(c.id(), Set.of(Campaign.RUNNING, Campaign.PAUSED), Campaign.STOPPED, stop))
                .isTrue();
        assertThat(campaigns.transition(c.id(), Set.of(Campaign.RUNNING), Campaign.COMPLETED, stop)).isFalse();
        Campaign stopped = campaigns.find(c.id()).orElseThrow();
        assertThat(stopped.state()).isEqualTo(Campaign.STOPPED);
        assertThat(stopped.finishedAt()).isEqualTo(stop);
        assertThat(campaigns.transition("no-such-id", Set.of(Campaign.DRAFT), Campaign.RUNNING, stop)).isFalse();
        assertThatThrownBy(() -> campaigns.transition(c.id(), Set.of(), Campaign.RUNNING, stop))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRunningCampaignCannotBeDeleted() {
        Campaign c = campaigns.create(campaign("winter-sale"));
        campaigns.transition(c.id(), Set.of(Campaign.DRAFT), Campaign.RUNNING, LATER);

        assertThatThrownBy(() -> campaigns.delete(c.id(), LATER)).isInstanceOf(IllegalStateException.class);
        assertThat(campaigns.find(c.id())).isPresent();
        campaigns.transition(c.id(), Set.of(Campaign.RUNNING), Campaign.STOPPED, LATER);
        assertThat(campaigns.delete(c.id(), LATER)).isTrue();
        assertThat(campaigns.transition(c.id(), Set.of(Campaign.STOPPED), Campaign.RUNNING, LATER))
                .as("a deleted campaign stays deleted").isFalse();
    }

    @Test
    void addsContactsWithTheirFirstTaskAndSkipsDuplicates() {
        Campaign c = campaigns.create(campaign("winter-sale"));
        ContactImport first = contacts.add(c.id(), List.of(contact(2, "+14155550001"), contact(3, "+14155550002")),
                CREATED, DUE);
        assertThat(first).isEqualTo(new ContactImport(2, List.of()));

        ContactImport second = contacts.add(c.id(), List.of(
                contact(2, "+14155550003"),
                contact(3, "+14155550001"),
                contact(4, "+14155550003"),
                new NewContact(0, "+14155550004", null, "Europe/London", null)), LATER, DUE.plusSeconds(60));
        assertThat(second.added()).isEqualTo(2);
        assertThat(second.skipped()).containsExactly(
                new SkippedLine(3, "+14155550001", "already in the campaign"),
                new SkippedLine(4, "+14155550003", "duplicate of line 2"));

        List<CampaignContact> all = contacts.list(c.id(), null, 0, 10);
        assertThat(all).extracting(CampaignContact::phone)
                .containsExactly("+14155550001", "+14155550002", "+14155550003", "+14155550004");
        CampaignContact one = all.get(0);
        assertThat(one).isEqualTo(new CampaignContact(one.id(), c.id(), "+14155550001", "Person 2", null,
                Map.of("line", "2"), 2, CampaignContact.PENDING, null, 0, CREATED, CREATED));
        CampaignContact noFile = all.get(3);
        assertThat(noFile.sourceLine()).isNull();
        assertThat(noFile.timeZone()).isEqualTo("Europe/London");
        assertThat(noFile.variables()).isEmpty();
        assertThat(contacts.find(c.id(), one.id())).contains(one);
        assertThat(contacts.find("other", one.id())).isEmpty();
        assertThat(contacts.count(c.id(), null)).isEqualTo(4);
        assertThat(contacts.count(c.id(), CampaignContact.PENDING)).isEqualTo(4);
        assertThat(contacts.count(c.id(), CampaignContact.DONE)).isZero();
        assertThat(contacts.list(c.id(), null, 3, 10)).containsExactly(noFile);

        List<CallTask> attempts = contacts.attempts(one.id());
        assertThat(attempts).hasSize(1);
        CallTask task = attempts.get(0);
        assertThat(task).isEqualTo(new CallTask(task.id(), c.id(), one.id(), 1, CallTask.QUEUED, DUE, null, null,
                null, null, null, null, null, null, null));
        assertThat(contacts.attempts(noFile.id())).extracting(CallTask::dueAt).containsExactly(DUE.plusSeconds(60));

        List<String> streamed = new ArrayList<>();
        contacts.forEach(c.id(), each -> streamed.add(each.phone()));
        assertThat(streamed).containsExactly("+14155550001", "+14155550002", "+14155550003", "+14155550004");
        assertThatThrownBy(() -> contacts.add("no-such-id", List.of(contact(2, "+14155550009")), CREATED, DUE))
                .isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void addsFiveThousandContactsInOneImport() {
        Campaign c = campaigns.create(campaign("big"));
        ContactImport result = contacts.add(c.id(), CampaignFixtures.contacts(5_000), CREATED, DUE);

        assertThat(result).isEqualTo(new ContactImport(5_000, List.of()));
        assertThat(contacts.count(c.id(), CampaignContact.PENDING)).isEqualTo(5_000);
        assertThat(store.callTasks().hasOpenTasks(c.id())).isTrue();
        List<CampaignContact> streamed = new ArrayList<>();
        contacts.forEach(c.id(), streamed::add);
        assertThat(streamed).hasSize(5_000);
        assertThat(streamed.get(4_999).sourceLine()).isEqualTo(5_001);
        assertThat(contacts.attempts(streamed.get(4_999).id())).extracting(CallTask::attempt).containsExactly(1);
        // Importing the same file again adds nothing.
        assertThat(contacts.add(c.id(), CampaignFixtures.contacts(5_000), LATER, DUE).skipped()).hasSize(5_000);
    }

    @Test
    void keepsTheDoNotCallList() {
        DoNotCallRepository dnc = store.doNotCall();
        assertThat(dnc.add("+14155550001", "asked on a call", CREATED)).isTrue();
        assertThat(dnc.add("+14155550001", "again", LATER)).isFalse();
        assertThat(dnc.add("+14155550002", null, LATER)).isTrue();

        assertThat(dnc.contains("+14155550001")).isTrue();
        assertThat(dnc.contains("+14155550003")).isFalse();
        assertThat(dnc.list(0, 10)).containsExactly(new DoNotCallEntry("+14155550002", null, LATER),
                new DoNotCallEntry("+14155550001", "asked on a call", CREATED));
        assertThat(dnc.count()).isEqualTo(2);
        assertThat(dnc.remove("+14155550001")).isTrue();
        assertThat(dnc.remove("+14155550001")).isFalse();
        assertThat(dnc.count()).isEqualTo(1);
        assertThatThrownBy(() -> dnc.add("4155550001", null, CREATED)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("phone");
    }
}
