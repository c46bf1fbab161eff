/**
 * A skillbase's flow and handoff at run time. The immutable records
 * ({@link org.voxgate.pipeline.flow.FlowSpec}, {@link org.voxgate.pipeline.flow.StateSpec},
 * {@link org.voxgate.pipeline.flow.SlotSpec}, {@link org.voxgate.pipeline.flow.Transition},
 * {@link org.voxgate.pipeline.flow.ActionSpec}, {@link org.voxgate.pipeline.flow.End},
 * {@link org.voxgate.pipeline.flow.HandoffPolicy}) check themselves on construction and are
 * built from the document by {@link org.voxgate.pipeline.flow.SkillbaseParts}. Two engines run
 * them: {@link org.voxgate.pipeline.flow.FlowConversation} for cascade bots with a model (the
 * {@link org.voxgate.pipeline.cascade.ConversationPolicy} of each call) and
 * {@link org.voxgate.pipeline.flow.FlowDialogue} for bots without one (a
 * {@link org.voxgate.pipeline.flow.Dialogue} on the offline dialogue engine).
 */
package org.voxgate.pipeline.flow;
