/**
 * Per-turn telemetry and usage: what the conversation engines report ({@link
 * org.voxgate.pipeline.telemetry.TurnObserver}, {@link org.voxgate.pipeline.telemetry.UsageMeter})
 * and how it becomes latency figures and cost.
 */
package org.voxgate.pipeline.telemetry;
