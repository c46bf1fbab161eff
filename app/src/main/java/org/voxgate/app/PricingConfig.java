package org.voxgate.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import org.voxgate.pipeline.cost.ModelPrice;
import org.voxgate.pipeline.cost.PricingTable;

/**
 * Reads the {@code pricing} section: {@code <vendor>: { <model>: { <price key>: <usd> } }},
 * each price key one of {@link ModelPrice#KEYS}. A model's entry replaces only the prices it
 * names on the built-in list prices ({@link PricingTable#defaults()}), or adds the model;
 * {@code *} as model prices every other model of the vendor. Errors name the full key.
 *
 * <p>Stateless; used once at start-up.
 */
final class PricingConfig {

    private PricingConfig() {
    }

    static PricingTable parse(JsonNode section) {
        PricingTable table = PricingTable.defaults();
        if (section == null || section.isNull()) {
            return table;
        }
        mapping(section, "pricing");
        for (Iterator<Map.Entry<String, JsonNode>> vendors = section.fields(); vendors.hasNext(); ) {
            Map.Entry<String, JsonNode> vendor = vendors.next();
            String vendorKey = "pricing." + vendor.getKey();
            mapping(vendor.getValue(), vendorKey);
            for (Iterator<Map.Entry<String, JsonNode>> models = vendor.getValue().fields(); models.hasNext(); ) {
                Map.Entry<String, JsonNode> model = models.next();
                String modelKey = vendorKey + "." + model.getKey();
                mapping(model.getValue(), modelKey);
                ModelPrice price = ModelPrice.NONE;
                for (Iterator<Map.Entry<String, JsonNode>> fields = model.getValue().fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    String key = modelKey + "." + field.getKey();
                    if (!ModelPrice.KEYS.contains(field.getKey())) {
                        throw new ConfigException(key + " is not a price; known: " + String.join(", ", ModelPrice.KEYS));
                    }
                    price = price.with(field.getKey(), usd(field.getValue(), key));
                }
                table = table.overriding(vendor.getKey(), model.getKey(), price);
            }
        }
        return table;
    }

    private static BigDecimal usd(JsonNode value, String key) {
        // a YAML float arrives as a double whose shortest text is the number as written
        String text = value.isValueNode() ? value.asText().trim() : "";
        BigDecimal usd;
        try {
            usd = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be a price in US dollars, got '" + text + "'");
        }
        if (usd.signum() < 0) {
            throw new ConfigException(key + " must not be negative, got " + text);
        }
        return usd;
    }

    private static void mapping(JsonNode node, String key) {
        if (!node.isObject()) {
            throw new ConfigException(key + " must be a mapping");
        }
    }
}
