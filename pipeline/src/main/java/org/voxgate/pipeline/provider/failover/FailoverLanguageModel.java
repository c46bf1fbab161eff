package org.voxgate.pipeline.provider.failover;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.pipeline.provider.Cancellable;
import org.voxgate.pipeline.provider.LanguageModel;
import org.voxgate.pipeline.provider.LlmListener;
import org.voxgate.pipeline.provider.LlmRequest;
import org.voxgate.pipeline.provider.ProviderException;
import org.voxgate.pipeline.provider.TokenUsage;
import org.voxgate.pipeline.provider.ToolCall;

/**
 * A language model over an ordered chain: each completion starts on the first model; when it
 * fails before delivering anything (no text, no tool call), the same request is sent to the
 * next one. Once the caller may have heard part of an answer it is not asked again elsewhere
 * (that would repeat it): the failure goes to the listener.
 *
 * <p>Threading: thread-safe; {@link #stream} returns at once. {@link #vendor()} and
 * {@link #model()} name the model that took a request last.
 */
public final class FailoverLanguageModel implements LanguageModel {
    private static final Logger LOG = LoggerFactory.getLogger(FailoverLanguageModel.class);

    private final Chain<LanguageModel> chain;

    public FailoverLanguageModel(List<LanguageModel> models) {
        this.chain = new Chain<>(models);
    }

    @Override
    public String vendor() {
        return chain.last().vendor();
    }

    @Override
    public String model() {
        return chain.last().model();
    }

    @Override
    public Cancellable stream(LlmRequest request, LlmListener listener) {
        Attempt a = new Attempt(request, listener);
        a.start(0);
        return a;
    }

    /** One completion moving along the chain. */
    private final class Attempt implements Cancellable {
        private final LlmRequest request;
        private final LlmListener listener;
        private volatile boolean cancelled;
        private volatile boolean delivered;
        private volatile Cancellable current;

        Attempt(LlmRequest request, LlmListener listener) {
            this.request = request;
            this.listener = listener;
        }

        void start(int i) {
            chain.served(i);
            current = chain.get(i).stream(request, new Member(i));
            if (cancelled) {
                current.cancel(); // cancelled while the member was being started
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            Cancellable c = current;
            if (c != null) {
                c.cancel();
            }
        }

        private final class Member implements LlmListener {
            private final int i;

            Member(int i) {
                this.i = i;
            }

            @Override public void onText(String delta) {
                delivered = true;
                listener.onText(delta);
            }

            @Override public void onToolCall(ToolCall call) {
                delivered = true;
                listener.onToolCall(call);
            }

            @Override public void onComplete(StopReason reason, TokenUsage usage) {
                listener.onComplete(reason, usage);
            }

            @Override public void onError(ProviderException error) {
                if (cancelled) {
                    return;
                }
                if (!delivered && i + 1 < chain.size()) {
                    LOG.warn("language model {} failed, retrying on {}: {}", chain.get(i).vendor(),
                            chain.get(i + 1).vendor(), error.getMessage());
                    start(i + 1);
                } else {
                    listener.onError(error);
                }
            }
        }
    }
}
