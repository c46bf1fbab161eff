/**
 * Google Gemini Live, a {@link org.voxgate.pipeline.provider.RealtimeModel} over WebSocket
 * (PROTOCOLS.md section 8). Threading: see each class.
 */
package org.voxgate.pipeline.provider.gemini;
