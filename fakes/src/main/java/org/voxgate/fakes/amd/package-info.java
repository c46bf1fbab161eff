/**
 * Labelled answers of outbound calls (people, answering machines with and without a beep, a
 * silent answer) rendered with espeak-ng and sox, for measuring the answering-machine detector
 * in tests and in {@code scripts/bench amd}. Test-only tooling like the rest of this module.
 */
package org.voxgate.fakes.amd;
