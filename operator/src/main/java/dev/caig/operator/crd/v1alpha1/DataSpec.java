package dev.caig.operator.crd.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.market) != has(self.catalog)",
        message = "set exactly one of spec.data.market or spec.data.catalog (with spec.data.clickLogs)")
@ValidationRule(value = "has(self.catalog) == has(self.clickLogs)",
        message = "spec.data.catalog and spec.data.clickLogs must be set together")
public class DataSpec {

    @JsonPropertyDescription("A simulated ad market (products and their historical creatives; 10 product categories) made by the `market` stage.")
    private MarketSpec market;

    @JsonPropertyDescription("Product catalog (paper format), s3://bucket/key.")
    @Pattern(Patterns.S3_URI)
    private String catalog;

    @JsonPropertyDescription("Creative click logs (paper format), s3://bucket/key.")
    @Pattern(Patterns.S3_URI)
    private String clickLogs;

    @JsonPropertyDescription("Fraction of products held out for evaluation.")
    @Min(0.05)
    @Max(0.9)
    private Double heldOutFraction;

    public MarketSpec getMarket() {
        return market;
    }

    public void setMarket(MarketSpec market) {
        this.market = market;
    }

    public String getCatalog() {
        return catalog;
    }

    public void setCatalog(String catalog) {
        this.catalog = catalog;
    }

    public String getClickLogs() {
        return clickLogs;
    }

    public void setClickLogs(String clickLogs) {
        this.clickLogs = clickLogs;
    }

    public Double getHeldOutFraction() {
        return heldOutFraction;
    }

    public void setHeldOutFraction(Double heldOutFraction) {
        this.heldOutFraction = heldOutFraction;
    }
}
