package dev.caig.runtime.data;

/**
 * Two creatives of one product whose observed CTRs differ enough to say which is better.
 *
 * @param productId the product both creatives show
 * @param better    the creative with the higher CTR
 * @param worse     the creative with the lower CTR
 */
public record RewardPair(String productId, Creative better, Creative worse) {

    public double betterCtr() {
        return better.ctr();
    }

    public double worseCtr() {
        return worse.ctr();
    }

    /** CTR of the better over CTR of the worse, >= 1. */
    public double ratio() {
        return better.ctr() / worse.ctr();
    }
}
