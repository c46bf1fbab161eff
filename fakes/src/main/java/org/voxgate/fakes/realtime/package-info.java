/**
 * What the realtime (speech-to-speech) fakes share: energy-based turn detection in audio time
 * and the tone they answer with. Threading: see each class.
 */
package org.voxgate.fakes.realtime;
