package org.voxgate.admin;

/**
 * One thing wrong with a bot configuration: where (a JSON Pointer into the document, {@code ""}
 * for the whole document) and why.
 *
 * <p>Immutable.
 *
 * @param path    JSON Pointer, for example {@code /flow/states/2/transitions/0/to}
 * @param message what is wrong there, in words an operator can act on
 */
public record BotProblem(String path, String message) {}
