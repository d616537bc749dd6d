package dev.caig.runtime.serve;

import java.awt.image.BufferedImage;

/** One generated candidate: its place in the ranking (1 = best), the reward model's score, description and ad. */
public record RankedAd(int rank, float score, String description, BufferedImage image) {
}
