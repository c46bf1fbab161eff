package org.voxgate.store;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Objects;

/**
 * One write waiting in the {@link CallRecordWriter}: immutable, and idempotent when applied,
 * so applying it again after a crash or a journal replay changes nothing.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = PendingWrite.UpsertCall.class, name = "call"),
        @JsonSubTypes.Type(value = PendingWrite.AddTurn.class, name = "turn"),
        @JsonSubTypes.Type(value = PendingWrite.AddEvent.class, name = "event"),
        @JsonSubTypes.Type(value = PendingWrite.SaveReview.class, name = "review"),
        @JsonSubTypes.Type(value = PendingWrite.AddToolCall.class, name = "toolCall")})
sealed interface PendingWrite {

    void applyTo(CallRepository repository);

    /** The call this write belongs to, for log messages. */
    String callId();

    /** Inserts or replaces the call row. Turns are not journaled: the upsert ignores them. */
    record UpsertCall(CallRecord call) implements PendingWrite {

        public UpsertCall {
            Objects.requireNonNull(call, "call");
            call = call.turns().isEmpty() ? call : call.withTurns(null);
        }

        @Override
        public void applyTo(CallRepository repository) {
            repository.upsert(call);
        }

        @Override
        public String callId() {
            return call.callId();
        }
    }

    /** Inserts or replaces one turn of a call already written before it. */
    record AddTurn(String callId, TurnRecord turn) implements PendingWrite {

        public AddTurn {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(turn, "turn");
        }

        @Override
        public void applyTo(CallRepository repository) {
            repository.addTurn(callId, turn);
        }
    }

    /** Inserts or replaces one event of a call already written before it. */
    record AddEvent(String callId, CallEvent event) implements PendingWrite {

        public AddEvent {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(event, "event");
        }

        @Override
        public void applyTo(CallRepository repository) {
            repository.addEvent(callId, event);
        }
    }

    /** Sets the review of a call already written before it. */
    record SaveReview(String callId, CallReview review) implements PendingWrite {

        public SaveReview {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(review, "review");
        }

        @Override
        public void applyTo(CallRepository repository) {
            repository.saveReview(callId, review);
        }
    }

    /** Inserts or replaces one tool call of a call already written before it. */
    record AddToolCall(String callId, ToolCallRecord toolCall) implements PendingWrite {

        public AddToolCall {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(toolCall, "toolCall");
        }

        @Override
        public void applyTo(CallRepository repository) {
            repository.addToolCall(callId, toolCall);
        }
    }
}
