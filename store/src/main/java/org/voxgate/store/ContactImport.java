package org.voxgate.store;

import java.util.List;

/**
 * What {@link CampaignContactRepository#add} did: how many contacts were added and which were skipped.
 *
 * <p>Immutable and thread-safe.
 *
 * @param added   contacts added, each with its first call task
 * @param skipped the others, in input order
 */
public record ContactImport(int added, List<SkippedLine> skipped) {

    public ContactImport {
        if (added < 0) {
            throw new IllegalArgumentException("added must be >= 0 (was " + added + ")");
        }
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
    }
}
