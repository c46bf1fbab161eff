package org.voxgate.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What operators keep about a caller: a display name, free notes and tags. Immutable; the tag
 * list is an unmodifiable copy.
 *
 * @param phone       the caller's key (see {@link CallerKey})
 * @param displayName a name to show and to tell the bot, or null
 * @param notes       free text for the bot and operators, or null
 * @param tags        short labels ({@code vip}); never null
 * @param createdAt   when the profile was first written
 * @param updatedAt   when it was last written
 */
public record CallerProfile(String phone, String displayName, String notes, List<String> tags,
                            Instant createdAt, Instant updatedAt) {

    public CallerProfile {
        if (phone == null || phone.isBlank()) {
            throw new IllegalArgumentException("phone must not be blank");
        }
        tags = tags == null ? List.of() : List.copyOf(tags);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
