package org.voxgate.app;

import org.voxgate.store.CallTask;
import org.voxgate.store.Campaign;
import org.voxgate.store.CampaignContact;

/**
 * One attempt of a campaign while its call is up: the claimed task, the contact, the campaign as
 * it was when the task was claimed, and what answering-machine detection decided.
 *
 * <p>Threading: created by the dialer; the AMD verdict is written once on a media or virtual
 * thread and read when the call ends, hence volatile.
 */
final class CampaignCall {
    private final CallTask task;
    private final CampaignContact contact;
    private final Campaign campaign;
    private final CallingSchedule schedule;
    private volatile String amdResult;
    private volatile Integer amdMillis;
    private volatile boolean voicemail;

    CampaignCall(CallTask task, CampaignContact contact, Campaign campaign, CallingSchedule schedule) {
        this.task = task;
        this.contact = contact;
        this.campaign = campaign;
        this.schedule = schedule;
    }

    CallTask task() { return task; }

    CampaignContact contact() { return contact; }

    Campaign campaign() { return campaign; }

    CallingSchedule schedule() { return schedule; }

    /** Records AMD's decision ({@code HUMAN}, {@code MACHINE}, {@code UNSURE}) and how long after the answer it came. */
    void amdDecided(String result, int afterMillis, boolean machine) {
        this.amdResult = result;
        this.amdMillis = afterMillis;
        this.voicemail = machine;
    }

    String amdResult() { return amdResult; }

    Integer amdMillis() { return amdMillis; }

    /** Whether AMD found an answering machine: the attempt's outcome is VOICEMAIL whatever came after. */
    boolean voicemail() { return voicemail; }
}
