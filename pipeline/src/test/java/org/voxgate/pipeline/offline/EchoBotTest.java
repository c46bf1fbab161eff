package org.voxgate.pipeline.offline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.voxgate.pipeline.BotSession;

class EchoBotTest {
    @Test
    void playsCallerAudioBackUntilStopped() {
        FakeCallContext call = new FakeCallContext();
        EchoBot bot = new EchoBot();
        assertThat(bot.name()).isEqualTo("echo");
        BotSession session = bot.open(call);

        short[] frame = new short[160];
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (short) (i * 100);
        }
        call.audio.sendFrame(frame);
        call.audio.sendFrame(frame);
        assertThat(call.audio.playCount()).isEqualTo(2);
        // The echo copies: the media layer reusing its buffer afterwards does not matter.
        assertThat(call.audio.played(0)).isEqualTo(frame);
        call.audio.pressDigit('5');

        session.stop();
        call.audio.sendFrame(frame);
        assertThat(call.audio.playCount()).isEqualTo(2);
        assertThat(call.audio.hasListeners()).isFalse();
        assertThat(call.hangups).isEmpty();
    }
}
