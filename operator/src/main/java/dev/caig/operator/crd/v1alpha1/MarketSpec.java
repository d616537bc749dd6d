package dev.caig.operator.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class MarketSpec {
    @Min(2)
    @Max(1000000)
    private Integer products;
    @Min(1)
    @Max(10000)
    private Integer categories;
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

    public Integer getCategories() {
        return categories;
    }

    public void setCategories(Integer categories) {
        this.categories = categories;
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
