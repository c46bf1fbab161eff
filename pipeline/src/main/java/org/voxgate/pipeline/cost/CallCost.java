package org.voxgate.pipeline.cost;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a call cost, in US dollars, exact: the total and the lines it is the sum of. Immutable.
 *
 * @param total the sum of the lines' amounts
 * @param lines one per component, vendor, model and unit used
 * @param warnings why a part of the usage could not be priced (an unknown model), empty when none
 */
public record CallCost(BigDecimal total, List<CostLine> lines, List<String> warnings) {

    /** The currency of every amount. */
    public static final String CURRENCY = "USD";

    /** Nothing used. */
    public static final CallCost ZERO = new CallCost(BigDecimal.ZERO, List.of(), List.of());

    public CallCost {
        lines = List.copyOf(lines);
        warnings = List.copyOf(warnings);
    }

    /** The amounts summed per component ({@code stt}, {@code llm}, ...), in the lines' order. */
    public Map<String, BigDecimal> byComponent() {
        Map<String, BigDecimal> sums = new LinkedHashMap<>();
        for (CostLine line : lines) {
            sums.merge(line.component(), line.amount(), BigDecimal::add);
        }
        return sums;
    }
}
