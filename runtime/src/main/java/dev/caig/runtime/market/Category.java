package dev.caig.runtime.market;

import java.util.List;
import java.util.Locale;

/** A product category of the simulated market: its title vocabulary and what its products look like. */
public enum Category {
    BEAUTY(List.of("Face Cream", "Serum", "Hand Cream", "Body Lotion", "Shampoo", "Perfume", "Facial Cleanser",
            "Sunscreen", "Lip Balm"),
            List.of("Hydrating", "Rose", "Vitamin C", "Sensitive Skin", "Cherry Blossom", "Repairing", "Brightening"),
            List.of("30ml", "50ml", "100ml", "200ml"),
            List.of(ProductShape.JAR, ProductShape.TUBE, ProductShape.BOTTLE),
            new int[] {0xF2B6C8, 0xFFFFFF, 0xC8A8E0, 0xA8DCC8, 0xE8D8C0}),
    ELECTRONICS(List.of("Wireless Earbuds", "Smartphone", "Bluetooth Speaker", "Smart Watch", "Power Bank", "Tablet",
            "Gaming Mouse", "Portable Charger"),
            List.of("Noise Cancelling", "Fast Charging", "Ultra Slim", "5G", "Waterproof", "Long Battery"),
            List.of("64GB", "128GB", "10000mAh", "2-Pack"),
            List.of(ProductShape.DEVICE, ProductShape.BOX),
            new int[] {0x202428, 0xC0C4CA, 0x2A5AB4, 0xF4F4F4, 0x3A3A44}),
    FOOD(List.of("Granola", "Peanut Butter", "Honey", "Instant Noodles", "Olive Oil", "Chocolate", "Potato Chips",
            "Soy Milk Powder", "Cookies"),
            List.of("Crunchy", "Family Size", "Spicy", "Original Flavor", "Whole Grain", "Sugar Free", "Roasted"),
            List.of("250g", "450g", "1kg", "12 Pack"),
            List.of(ProductShape.JAR, ProductShape.BAG, ProductShape.BOX, ProductShape.BOTTLE),
            new int[] {0xD83A2C, 0xF08C28, 0xF2C230, 0x7A4A2A, 0x4E9A3C}),
    BEVERAGES(List.of("Sparkling Water", "Green Tea", "Cold Brew Coffee", "Orange Juice", "Energy Drink",
            "Craft Beer", "Red Wine", "Whisky"),
            List.of("Zero Sugar", "Lemon", "Single Malt", "Unsweetened", "Extra Strong", "Classic"),
            List.of("330ml", "500ml", "700ml", "6 Cans"),
            List.of(ProductShape.BOTTLE, ProductShape.CAN),
            new int[] {0x2E8A4A, 0xC8821E, 0xB4242C, 0x2A6AC8, 0xF0A020}),
    HOME(List.of("Scented Candle", "Storage Box", "Ceramic Vase", "Reed Diffuser", "Coffee Mug", "Bath Towel",
            "Drawer Cabinet"),
            List.of("Handmade", "Minimal", "Lavender Scent", "Nordic Style", "Solid Wood", "Stackable"),
            List.of("Set of 2", "Large", "Small", "3 Pieces"),
            List.of(ProductShape.BOX, ProductShape.JAR, ProductShape.BOTTLE),
            new int[] {0xE6DCC8, 0x9A9A96, 0xF4F2EE, 0xC06A48, 0x8A6A4A}),
    TOYS(List.of("Building Blocks", "Plush Bunny", "Toy Car", "Puzzle Set", "Doll House", "Robot Kit", "Board Game",
            "Bouncy Ball"),
            List.of("Educational", "For Kids 3+", "Colorful", "Soft", "Remote Control", "Creative"),
            List.of("100 Pieces", "30cm", "Deluxe Set", "Starter Kit"),
            List.of(ProductShape.BOX, ProductShape.BALL),
            new int[] {0xE8302C, 0xF6C81E, 0x2A7AE0, 0xF28AB4, 0x3CB45A}),
    FASHION(List.of("Leather Handbag", "Tote Bag", "Crossbody Bag", "Wallet", "Clutch", "Shoulder Bag"),
            List.of("Genuine Leather", "Vintage", "Minimalist", "Quilted", "Classic", "Oversized"),
            List.of("Mini", "Medium", "Large", "One Size"),
            List.of(ProductShape.HANDBAG, ProductShape.BAG),
            new int[] {0x1E1E22, 0x7A4A2A, 0xC89A6A, 0xA8242C, 0x24305A}),
    SPORTS(List.of("Water Bottle", "Protein Powder", "Basketball", "Tennis Balls", "Energy Gel", "Football"),
            List.of("BPA Free", "Pro Series", "Lightweight", "Training", "Official Size", "Insulated"),
            List.of("750ml", "1kg", "Size 7", "3-Pack"),
            List.of(ProductShape.BALL, ProductShape.BOTTLE, ProductShape.JAR),
            new int[] {0xF07828, 0x8CE03C, 0x1E64D2, 0x2A2A2E, 0xE8E8E8}),
    PETS(List.of("Dog Food", "Cat Treats", "Pet Shampoo", "Cat Litter", "Bird Seed", "Dental Chews"),
            List.of("Grain Free", "Chicken Flavor", "Salmon", "Puppy", "Senior", "Hypoallergenic"),
            List.of("2kg", "5kg", "500g", "30 Sticks"),
            List.of(ProductShape.BAG, ProductShape.JAR, ProductShape.BOX),
            new int[] {0x3C9A5A, 0xF08C28, 0x2A6AB4, 0x8A5A3A, 0xE8C84A}),
    JEWELRY(List.of("Silver Necklace", "Gold Ring", "Pearl Earrings", "Charm Bracelet", "Diamond Pendant"),
            List.of("925 Sterling", "18K Gold Plated", "Handcrafted", "Dainty", "Birthstone"),
            List.of("Gift Box", "Adjustable", "45cm", "Pair"),
            List.of(ProductShape.BOX),
            new int[] {0x1E2850, 0x6A1A2A, 0x141414, 0xF4F0EA, 0x2A5A4A});

    private final List<String> nouns;
    private final List<String> attributes;
    private final List<String> sizes;
    private final List<ProductShape> shapes;
    private final int[] colors;

    Category(List<String> nouns, List<String> attributes, List<String> sizes, List<ProductShape> shapes, int[] colors) {
        this.nouns = nouns;
        this.attributes = attributes;
        this.sizes = sizes;
        this.shapes = shapes;
        this.colors = colors;
    }

    public List<String> nouns() {
        return nouns;
    }

    public List<String> attributes() {
        return attributes;
    }

    public List<String> sizes() {
        return sizes;
    }

    public List<ProductShape> shapes() {
        return shapes;
    }

    /** Candidate main colours of the category's products, 0xRRGGBB. */
    public int color(int i) {
        return colors[Math.floorMod(i, colors.length)];
    }

    public int colorCount() {
        return colors.length;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
