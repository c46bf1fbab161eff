package org.voxgate.pipeline.amd;

/** The VAD aggressiveness the AMD tests run with (what the app is meant to use). */
final class AmdVoice {
    static final int VAD_MODE = 3;

    private AmdVoice() {}
}
