package dev.caig.operator.crd.v1alpha1;

/** Regular expressions shared by the CRD schemas (OpenAPI `pattern`). */
public final class Patterns {
    /** An S3 object URI: s3://bucket[/key...]. */
    public static final String S3_URI = "^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/\\S*)?$";
    public static final String BUCKET = "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$";
    /** A relative key prefix without leading or trailing slash. */
    public static final String PREFIX = "^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$";
    public static final String HTTP_ENDPOINT = "^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?/?$";
    public static final String QUANTITY = "^[0-9]+(\\.[0-9]+)?(m|k|Ki|M|Mi|G|Gi|T|Ti)?$";
    public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
    public static final String DNS_SUBDOMAIN = "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$";

    private Patterns() {
    }

}
