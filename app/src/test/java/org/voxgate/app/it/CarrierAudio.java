package org.voxgate.app.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The audio the campaign carrier plays (scripts/sipp/uas-campaign-carrier.xml), made at test
 * time with espeak-ng and sox as the raw G.711 u-law files SIPp's rtp_stream sends: a person's
 * short "Hello?" followed by silence, and a voicemail greeting followed by its beep and the
 * silence of the recording. Both files run as long as the carrier holds the call, so RTP keeps
 * flowing like a real phone's until the carrier's BYE. Stateless; called by one test thread.
 */
final class CarrierAudio {
    static final String HUMAN_FILE = "carrier-human.ulaw";
    static final String VOICEMAIL_FILE = "carrier-voicemail.ulaw";
    static final String TERSE_FILE = "carrier-terse.ulaw";
    static final String VOICEMAIL_GREETING =
            "Hi, you have reached Alex Morgan. I can't take your call right now. "
                    + "Please leave a message after the tone.";
    private static final int RATE = 8000;

    private CarrierAudio() {}

    /** Writes {@link #HUMAN_FILE} into {@code dir}: "Hello?", then silence up to {@code holdMillis} + 1 s. */
    static void writeHuman(Path dir, int holdMillis) throws IOException, InterruptedException {
        short[] hello = speakAt("Hello?", 140, dir);
        writeUlaw(dir.resolve(HUMAN_FILE), hello, new short[Math.max(0, samples(holdMillis + 1000) - hello.length)]);
    }

    /**
     * Writes {@link #TERSE_FILE} into {@code dir}: a machine's one-phrase greeting, "Leave a
     * message.", shorter than a person's long hello, then silence (no beep) up to
     * {@code holdMillis} + 1 s.
     */
    static void writeTerse(Path dir, int holdMillis) throws IOException, InterruptedException {
        short[] phrase = speakAt("Leave a message.", 150, dir);
        writeUlaw(dir.resolve(TERSE_FILE), phrase, new short[Math.max(0, samples(holdMillis + 1000) - phrase.length)]);
    }

    /**
     * Writes {@link #VOICEMAIL_FILE} into {@code dir}: a 5-7 s greeting, 300 ms of quiet, a
     * 1 kHz beep of 500 ms, then {@code recordMillis} and a second more of silence.
     *
     * @return milliseconds from the start of the file to the end of the beep
     */
    static int writeVoicemail(Path dir, int recordMillis) throws IOException, InterruptedException {
        short[] greeting = greeting(dir);
        short[] gap = new short[samples(300)];
        short[] beep = Audio.tone(1000, 0.5);
        short[] recording = new short[samples(recordMillis + 1000)];
        writeUlaw(dir.resolve(VOICEMAIL_FILE), greeting, gap, beep, recording);
        return millis(greeting.length + gap.length + beep.length);
    }

    /**
     * The greeting spoken between 5 and 7 seconds long: espeak-ng's length depends on its
     * version's voice, so the rate goes up until the speech fits and short speech is padded.
     */
    private static short[] greeting(Path dir) throws IOException, InterruptedException {
        for (int wordsPerMinute = 160; wordsPerMinute <= 260; wordsPerMinute += 10) {
            short[] speech = speakAt(VOICEMAIL_GREETING, wordsPerMinute, dir);
            if (speech.length <= samples(7000)) {
                short[] padded = new short[Math.max(speech.length, samples(5000))];
                System.arraycopy(speech, 0, padded, 0, speech.length);
                return padded;
            }
        }
        throw new IllegalStateException("espeak-ng cannot say the voicemail greeting within 7 s");
    }

    /** Speech at 8 kHz, without the silence espeak-ng leaves before and after it. */
    private static short[] speakAt(String text, int wordsPerMinute, Path dir)
            throws IOException, InterruptedException {
        Path wav = Files.createTempFile(dir, "speech", ".wav");
        Path pcm = Files.createTempFile(dir, "speech", ".wav");
        try {
            Audio.run(List.of("espeak-ng", "-v", "en-us", "-s", Integer.toString(wordsPerMinute), "-w", wav.toString(),
                    text));
            // trim: silence at either end (above 0.5 % for 20 ms is sound), by trimming, reversing, trimming
            Audio.run(List.of("sox", wav.toString(), "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer",
                    pcm.toString(), "silence", "1", "0.02", "0.5%", "reverse", "silence", "1", "0.02", "0.5%",
                    "reverse"));
            return Audio.readWav(pcm);
        } finally {
            Files.deleteIfExists(wav);
            Files.deleteIfExists(pcm);
        }
    }

    /** Concatenates 8 kHz PCM parts and has sox encode them as raw u-law (what -t ul reads back). */
    private static void writeUlaw(Path file, short[]... parts) throws IOException, InterruptedException {
        int length = 0;
        for (short[] p : parts) {
            length += p.length;
        }
        short[] all = new short[length];
        int at = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        Path wav = file.resolveSibling(file.getFileName() + ".wav");
        try {
            Audio.writeWav(wav, all);
            Audio.run(List.of("sox", wav.toString(), "-t", "ul", file.toString()));
        } finally {
            Files.deleteIfExists(wav);
        }
    }

    private static int samples(int millis) {
        return millis * RATE / 1000;
    }

    private static int millis(int samples) {
        return samples * 1000 / RATE;
    }
}
