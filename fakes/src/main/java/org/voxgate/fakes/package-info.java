/**
 * Loopback fakes of the AI providers and of a Twilio Media Streams bot. Each fake listens on a
 * free loopback port chosen at start, speaks the provider's documented wire protocol (see
 * PROTOCOLS.md, the "(fake)" notes) and records what it was sent, so tests can assert on the
 * traffic. Threading: each fake is thread-safe; its recorded traffic may be read from any
 * thread.
 */
package org.voxgate.fakes;
