package dev.caig.runtime.market;

/** The silhouette of a simulated product. */
public enum ProductShape {
    BOTTLE, JAR, TUBE, BOX, DEVICE, BAG, CAN, BALL, HANDBAG
}
