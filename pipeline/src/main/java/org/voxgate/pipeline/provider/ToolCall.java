package org.voxgate.pipeline.provider;

/**
 * A model's call of a tool.
 *
 * @param id the provider's id for the call (the result quotes it)
 * @param name the function name
 * @param argumentsJson the arguments as a JSON object text
 */
public record ToolCall(String id, String name, String argumentsJson) {}
