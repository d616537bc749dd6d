package dev.caig.runtime.data;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads click logs in the creatives format (a JSON object keyed by product id, each value a list of
 * {@code {"creative_id","image","exp_impression_cnt","exp_click_cnt"}}, images relative to the file) and checks them
 * against a catalog, reporting all problems at once.
 */
public final class ClickLogReader {

    /** The log; a {@link ValidationException} listing every problem if there is any. */
    public ClickLog read(Path file, Catalog catalog) {
        return validate(file, catalog).orThrow();
    }

    /**
     * The valid creatives and the report of all problems: unknown product ids (when {@code catalog} is given),
     * missing fields, negative counts, clicks above impressions, duplicate creative ids, missing image files.
     */
    public Validated<ClickLog> validate(Path file, Catalog catalog) {
        return validate(file, file.toString(), catalog == null ? null : catalog.ids(),
                catalog == null ? null : catalog.file().toString());
    }

    /**
     * As {@link #validate(Path, Catalog)} against a leniently read catalog, with problems reported under
     * {@code source} (what the user named). Products whose catalog entry has problems still count as known, so
     * that their creatives are checked rather than all reported as unknown; a catalog that could not be read at all
     * leaves product ids unchecked.
     */
    public Validated<ClickLog> validate(Path file, String source, Validated<Catalog> catalog) {
        boolean unreadable = catalog.report().problems().stream().anyMatch(p -> p.where().isEmpty());
        Set<String> known = null;
        if (!unreadable) {
            known = new HashSet<>(catalog.value().ids());
            known.addAll(catalog.report().productIds());
        }
        return validate(file, source, known, catalog.report().file());
    }

    private Validated<ClickLog> validate(Path file, String source, Set<String> productIds, String catalogName) {
        ValidationReport report = new ValidationReport(source);
        Map<String, List<Creative>> byProduct = new LinkedHashMap<>();
        JsonInputs.readTree(file, report).ifPresent(root -> {
            if (!root.isObject()) {
                report.addFileProblem("expected a JSON object keyed by product id, each value a list of creatives, found "
                        + root.getNodeType().toString().toLowerCase());
                return;
            }
            Map<String, String> firstUseOfCreativeId = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> product = it.next();
                String productId = product.getKey();
                String where = "product " + JsonInputs.quote(productId);
                if (productIds != null && !productIds.contains(productId)) {
                    report.addFor(productId, where, "unknown product id (not in the catalog " + catalogName + ")");
                    continue;
                }
                if (!product.getValue().isArray()) {
                    report.addFor(productId, where, "expected a list of creatives, found "
                            + product.getValue().getNodeType().toString().toLowerCase());
                    continue;
                }
                List<Creative> valid = new ArrayList<>();
                JsonNode creatives = product.getValue();
                for (int i = 0; i < creatives.size(); i++) {
                    Creative c = checkCreative(file, productId, i, creatives.get(i), firstUseOfCreativeId, report);
                    if (c != null) {
                        valid.add(c);
                    }
                }
                byProduct.put(productId, valid);
            }
        });
        return new Validated<>(new ClickLog(file, byProduct), report);
    }

    private Creative checkCreative(Path file, String productId, int index, JsonNode node,
                                   Map<String, String> firstUseOfCreativeId, ValidationReport report) {
        String at = "product " + JsonInputs.quote(productId) + " creative [" + index + "]";
        if (!node.isObject()) {
            report.addFor(productId, at, "expected an object {\"creative_id\", \"image\", \"exp_impression_cnt\", \"exp_click_cnt\"}, found "
                    + node.getNodeType().toString().toLowerCase());
            return null;
        }
        String creativeId = JsonInputs.text(node, "creative_id", true);
        String where = creativeId == null ? at : at + " id " + JsonInputs.quote(creativeId);
        int before = report.problems().size();
        if (creativeId == null) {
            report.addFor(productId, where, JsonInputs.whyNotText(node, "creative_id"));
        } else {
            String first = firstUseOfCreativeId.putIfAbsent(creativeId, at);
            if (first != null) {
                report.addFor(productId, where, "duplicate creative_id (also " + first + ")");
            }
        }
        Long impressions = count(node, "exp_impression_cnt", productId, where, report);
        Long clicks = count(node, "exp_click_cnt", productId, where, report);
        if (impressions != null && clicks != null && clicks > impressions) {
            report.addFor(productId, where, "exp_click_cnt " + clicks + " is greater than exp_impression_cnt " + impressions);
        }
        String image = JsonInputs.text(node, "image", false);
        if (image == null) {
            report.addFor(productId, where, JsonInputs.whyNotText(node, "image"));
        } else {
            try {
                Path path = JsonInputs.resolve(file, image);
                if (!Files.isRegularFile(path)) {
                    report.addFor(productId, where, "image " + JsonInputs.quote(image) + ": file not found");
                } else if (!Files.isReadable(path)) {
                    report.addFor(productId, where, "image " + JsonInputs.quote(image) + ": cannot read (permission denied)");
                }
            } catch (InvalidPathException e) {
                report.addFor(productId, where, "image " + JsonInputs.quote(image) + ": not a valid path");
            }
        }
        if (report.problems().size() != before) {
            return null;
        }
        return new Creative(creativeId, image, impressions, clicks);
    }

    /** A non-negative whole number (a float with no fraction, as some exports write counts, is accepted). */
    private static Long count(JsonNode node, String field, String productId, String where, ValidationReport report) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            report.addFor(productId, where, "missing \"" + field + "\"");
            return null;
        }
        if (!value.isNumber() || (!value.isIntegralNumber() && value.asDouble() != Math.rint(value.asDouble()))) {
            report.addFor(productId, where, "\"" + field + "\" must be a whole number, not " + value);
            return null;
        }
        long n = value.isIntegralNumber() ? value.asLong() : (long) value.asDouble();
        if (n < 0) {
            report.addFor(productId, where, "\"" + field + "\" is negative (" + n + ")");
            return null;
        }
        return n;
    }
}
