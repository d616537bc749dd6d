package dev.caig.runtime.text;

/** The parts of a background description; each known phrase belongs to exactly one slot. */
public enum Slot {
    SCENE, SURFACE, PALETTE, LIGHTING, PROP, STYLE
}
