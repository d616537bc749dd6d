package dev.caig.runtime.market;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.caig.runtime.CaigException;
import dev.caig.runtime.data.ProductImageLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A generated market read back from its folder, for the evaluator: the products with their pictures and the
 * hidden CTR oracle. Training code reads only the catalog and the click logs, never this.
 */
public final class SimulatedMarket {

    private final Map<String, MarketProduct> products;
    private final CtrOracle oracle;
    private final Map<String, List<MarketFiles.CreativeRecord>> creatives;

    private SimulatedMarket(Map<String, MarketProduct> products, CtrOracle oracle,
                            Map<String, List<MarketFiles.CreativeRecord>> creatives) {
        this.products = products;
        this.oracle = oracle;
        this.creatives = creatives;
    }

    public static SimulatedMarket load(Path folder) {
        Path oracleFile = folder.resolve(MarketFiles.ORACLE);
        Path productsFile = folder.resolve(MarketFiles.PRODUCTS);
        try {
            OracleParams params = MarketFiles.JSON.readValue(oracleFile.toFile(), OracleParams.class);
            if (params.version() != CtrOracle.VERSION) {
                throw new CaigException(oracleFile + ": oracle version " + params.version() + ", expected "
                        + CtrOracle.VERSION);
            }
            List<MarketFiles.ProductRecord> records = MarketFiles.JSON.readValue(productsFile.toFile(),
                    new TypeReference<>() { });
            ProductImageLoader loader = new ProductImageLoader();
            Map<String, MarketProduct> products = new LinkedHashMap<>();
            for (MarketFiles.ProductRecord r : records) {
                products.put(r.id(), new MarketProduct(r.id(), r.category(), r.title(), r.look(), r.trait(),
                        loader.load(folder.resolve(MarketFiles.productImage(r.id())))));
            }
            Map<String, List<MarketFiles.CreativeRecord>> creatives = Files.exists(folder.resolve(MarketFiles.CREATIVES))
                    ? MarketFiles.JSON.readValue(folder.resolve(MarketFiles.CREATIVES).toFile(), new TypeReference<>() { })
                    : Map.of();
            return new SimulatedMarket(products, new CtrOracle(params), creatives);
        } catch (IOException e) {
            throw new CaigException(folder + ": not a readable market folder (" + e.getMessage() + ")", e);
        }
    }

    public CtrOracle oracle() {
        return oracle;
    }

    public Map<String, MarketProduct> products() {
        return products;
    }

    public MarketProduct product(String id) {
        MarketProduct p = products.get(id);
        if (p == null) {
            throw new CaigException("product '" + id + "' is not in this market");
        }
        return p;
    }

    /** The hidden description of a historical creative, or null if unknown. */
    public String creativeDescription(String productId, String creativeId) {
        return creatives.getOrDefault(productId, List.of()).stream()
                .filter(c -> c.creativeId().equals(creativeId)).map(MarketFiles.CreativeRecord::description)
                .findFirst().orElse(null);
    }
}
