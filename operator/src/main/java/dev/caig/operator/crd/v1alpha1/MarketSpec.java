package dev.caig.operator.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class MarketSpec {
    // The runtime refuses markets of fewer than 4 products (one must be held out and pairs need products).
    @Min(4)
    @Max(1000000)
    private Integer products;
    @Min(2)
    @Max(1000)
    private Integer creativesPerProduct;
    private Long seed;

    public Integer getProducts() {
        return products;
    }

    public void setProducts(Integer products) {
        this.products = products;
    }

    public Integer getCreativesPerProduct() {
        return creativesPerProduct;
    }

    public void setCreativesPerProduct(Integer creativesPerProduct) {
        this.creativesPerProduct = creativesPerProduct;
    }

    public Long getSeed() {
        return seed;
    }

    public void setSeed(Long seed) {
        this.seed = seed;
    }
}
