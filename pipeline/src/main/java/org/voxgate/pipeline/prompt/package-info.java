/**
 * System prompts for voice bots: the house rules for speaking on the phone, the bot's own
 * context (role, style, safety rules, facts), what is known about the caller and the language
 * to speak, assembled by {@link org.voxgate.pipeline.prompt.PromptBuilder}. Pure and immutable.
 */
package org.voxgate.pipeline.prompt;
