package org.voxgate.app;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.pipeline.amd.TranscriptAmd;
import org.voxgate.pipeline.provider.LanguageModel;
import org.voxgate.pipeline.provider.SpeechToText;
import org.voxgate.store.AmdSettings;

/**
 * The transcript classifiers a campaign's AMD may ask for ({@code amd.classifier}): {@code stt}
 * streams the answer to the node's AMD speech-to-text ({@code campaigns.amd.stt-*}) and calls
 * a greeting with a voicemail phrase a machine; {@code llm} also asks the node's AMD language
 * model ({@code campaigns.amd.llm-*}) whether the words it heard came from a person. Providers
 * are built on first use (the local recognizer loads its model then), once per node.
 *
 * <p>Thread-safe: {@link #open} is called on media threads as calls are answered.
 */
final class AmdClassifiers {
    private static final Logger LOG = LoggerFactory.getLogger(AmdClassifiers.class);

    /**
     * @param sttVendor {@code local}, {@code deepgram}, or empty for none
     * @param llmVendor {@code openai}, {@code anthropic}, or empty for none
     * @param localPhrases what the local recognizer listens for
     */
    record Settings(String sttVendor, String sttModel, String llmVendor, String llmModel, List<String> localPhrases) {
        static Settings from(ConfigTree tree) {
            return new Settings(tree.string("campaigns.amd.stt-vendor"), tree.string("campaigns.amd.stt-model"),
                    tree.string("campaigns.amd.llm-vendor"), tree.string("campaigns.amd.llm-model"),
                    tree.list("campaigns.amd.local-phrases"));
        }
    }

    private final Settings settings;
    private final ProviderCatalog providers;
    private final AtomicBoolean warned = new AtomicBoolean();
    private SpeechToText stt;
    private LanguageModel llm;

    AmdClassifiers(Settings settings, ProviderCatalog providers) {
        this.settings = settings;
        this.providers = providers;
    }

    /**
     * A classifier for one answered call, or null: none asked for, or none configured (then
     * the campaign's calls are decided by timing and beep alone, and this is logged once).
     */
    TranscriptAmd open(AmdSettings.Classifier asked, TranscriptAmd.Listener listener) {
        if (asked == AmdSettings.Classifier.NONE) {
            return null;
        }
        SpeechToText recognizer = speechToText();
        if (recognizer == null) {
            if (warned.compareAndSet(false, true)) {
                LOG.warn("a campaign asks for the {} AMD classifier but campaigns.amd.stt-vendor is empty;"
                        + " its calls are decided by timing and beep alone", asked.name().toLowerCase());
            }
            return null;
        }
        return new TranscriptAmd(recognizer, asked == AmdSettings.Classifier.LLM ? languageModel() : null, listener);
    }

    private synchronized SpeechToText speechToText() {
        if (stt == null && !settings.sttVendor().isEmpty()) {
            stt = providers.speechToText("campaigns.amd.stt", settings.sttVendor(), settings.sttModel(), Map.of(),
                    settings.localPhrases());
        }
        return stt;
    }

    private synchronized LanguageModel languageModel() {
        if (llm == null && !settings.llmVendor().isEmpty()) {
            llm = providers.languageModel("campaigns.amd.llm", settings.llmVendor(), settings.llmModel(), Map.of());
        }
        return llm;
    }
}
