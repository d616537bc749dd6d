package dev.caig.operator.trainingjob;

/** The runtime's stages, in the order they appear in status. The id is the `--stage` argument. */
public enum Stage {
    MARKET("market"),
    PRETRAIN("pretrain"),
    REWARD("reward"),
    PCPO("pcpo"),
    DPO("dpo"),
    EVALUATE("evaluate");

    private final String id;

    Stage(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Stage of(String id) {
        for (Stage s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown stage " + id);
    }
}
