package org.voxgate.pipeline.provider;

/**
 * A function the model may call.
 *
 * @param name the function name
 * @param description what it does, for the model
 * @param parametersSchema a JSON Schema object (as JSON text) for its arguments
 */
public record ToolSpec(String name, String description, String parametersSchema) {}
