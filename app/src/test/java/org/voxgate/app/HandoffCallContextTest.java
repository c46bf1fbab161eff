package org.voxgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.voxgate.pipeline.CallContext;

/**
 * The handoff wrapper must pass on everything a call offers, default methods included: a
 * forgotten one silently loses that feature for every skillbase bot (tool-call logs and the
 * caller's profile once did).
 */
class HandoffCallContextTest {
    @Test
    void everyMethodOfTheCallIsPassedOn() throws Exception {
        List<String> missing = Arrays.stream(CallContext.class.getMethods())
                .filter(m -> !java.lang.reflect.Modifier.isStatic(m.getModifiers()))
                .filter(m -> !declares(m))
                .map(Method::getName)
                .toList();
        assertThat(missing).as("CallContext methods HandoffCallContext does not override").isEmpty();
    }

    private static boolean declares(Method m) {
        try {
            HandoffCallContext.class.getDeclaredMethod(m.getName(), m.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
