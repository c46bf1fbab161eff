package org.voxgate.pipeline.provider.http;

/**
 * One server-sent event: its {@code event:} name ({@code message} when the server named none)
 * and its {@code data:} lines joined by newlines. Immutable.
 */
public record SseEvent(String event, String data) {}
