package org.voxgate.pipeline.review;

/**
 * No review could be had: the model failed, or its reply was not the JSON review asked for.
 * The call is then stored without a review rather than with a made-up one.
 */
public class ReviewFailedException extends Exception {
    public ReviewFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    public ReviewFailedException(String message) {
        super(message);
    }
}
