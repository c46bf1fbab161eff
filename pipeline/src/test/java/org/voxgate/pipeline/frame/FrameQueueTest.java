package org.voxgate.pipeline.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameQueueTest {
    private static Frame.AudioIn audio(long n) {
        return new Frame.AudioIn(new short[160], n);
    }

    @Test
    void urgentFramesOvertakeDataFrames() {
        FrameQueue q = new FrameQueue(8);
        q.offer(audio(1));
        q.offer(new Frame.LlmText(1, "hi", 2));
        q.offer(new Frame.Interruption(3));
        assertThat(q.poll()).isInstanceOf(Frame.Interruption.class);
        assertThat(q.poll()).isInstanceOf(Frame.AudioIn.class);
        assertThat(q.poll()).isInstanceOf(Frame.LlmText.class);
        assertThat(q.poll()).isNull();
    }

    @Test
    void interruptionFlushesReplyFramesAndKeepsUrgentAndCallerFrames() {
        FrameQueue q = new FrameQueue(8);
        Frame.AudioIn a = audio(1);
        q.offer(a);
        q.offer(new Frame.LlmText(1, "hello", 2));
        q.offer(new Frame.TtsAudio(1, new short[10], 3));
        Frame.Transcript t = new Frame.Transcript("wait", false, 4);
        q.offer(t);
        Frame.EndOfCall end = new Frame.EndOfCall("bye");
        q.offer(end);

        assertThat(q.interrupt()).isEqualTo(2);
        assertThat(q.flushedCount()).isEqualTo(2);
        List<Frame> left = new ArrayList<>();
        Frame f;
        while ((f = q.poll()) != null) {
            left.add(f);
        }
        assertThat(left).containsExactly(end, a, t);
    }

    @Test
    void boundedForDataButNeverRefusesUrgent() {
        FrameQueue q = new FrameQueue(2);
        assertThat(q.offer(audio(1))).isTrue();
        assertThat(q.offer(audio(2))).isTrue();
        assertThat(q.offer(audio(3))).isFalse();
        assertThat(q.offer(new Frame.Interruption(4))).isTrue();
        assertThat(q.refusedCount()).isEqualTo(1);
        assertThat(q.size()).isEqualTo(3);
    }

    @Test
    void loopRunsHandlerOnExecutorUntilEmptyAndSurvivesAFailingFrame() {
        ArrayDeque<Runnable> tasks = new ArrayDeque<>();
        List<Frame> seen = new ArrayList<>();
        FrameLoop loop = new FrameLoop(new FrameQueue(8), tasks::add, f -> {
            seen.add(f);
            if (f instanceof Frame.AudioIn a && a.nanos() == 1) {
                throw new IllegalStateException("boom");
            }
        });
        loop.offer(audio(1));
        loop.offer(audio(2));
        assertThat(tasks).hasSize(1); // one drain scheduled for both
        tasks.poll().run();
        assertThat(seen).hasSize(2);
        loop.offer(new Frame.EndOfCall("x"));
        assertThat(tasks).hasSize(1);
        loop.close();
        tasks.poll().run();
        assertThat(seen).hasSize(2);
        assertThat(loop.offer(audio(3))).isFalse();
    }
}
