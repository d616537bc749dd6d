package dev.caig.runtime.market;

/**
 * How a simulated product is drawn.
 *
 * @param shape   silhouette
 * @param body    main colour, 0xRRGGBB
 * @param label   label colour
 * @param accent  cap, lid or trim colour
 * @param brand   text on the label
 * @param striped whether the label carries stripes under the brand
 * @param aspect  width over height of the body, around 1
 */
public record ProductLook(ProductShape shape, int body, int label, int accent, String brand, boolean striped,
                          double aspect) {
}
