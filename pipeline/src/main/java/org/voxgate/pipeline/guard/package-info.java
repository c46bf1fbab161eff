/**
 * Guardrails on what a bot says: {@link org.voxgate.pipeline.guard.GuardrailRules} (banned
 * phrases, patterns, a length limit, the reply said instead),
 * {@link org.voxgate.pipeline.guard.Guardrails} (per bot, with its counters) and
 * {@link org.voxgate.pipeline.guard.ReplyGuard} (per reply, checking streamed clauses before
 * speech).
 */
package org.voxgate.pipeline.guard;
