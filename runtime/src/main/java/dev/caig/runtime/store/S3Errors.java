package dev.caig.runtime.store;

import dev.caig.runtime.CaigException;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.ServerException;
import io.minio.errors.XmlParserException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;

/**
 * Turns MinIO SDK failures into one clear line each (unreachable endpoint, bad credentials, missing bucket or
 * object) and says which failures are worth another try. Messages never carry credentials: for authentication
 * failures the server's own text is left out.
 */
final class S3Errors {

    private static final Set<String> TRANSIENT_CODES = Set.of(
            "SlowDown", "ServiceUnavailable", "InternalError", "RequestTimeout", "OperationAborted");
    private static final Set<String> CREDENTIAL_CODES = Set.of(
            "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken", "AuthorizationHeaderMalformed",
            "InvalidSecurity", "MissingSecurityHeader");

    private S3Errors() {
    }

    static boolean isTransient(Throwable e) {
        if (e instanceof ErrorResponseException ere) {
            String code = ere.errorResponse() == null ? null : ere.errorResponse().code();
            int status = ere.response() == null ? 0 : ere.response().code();
            return (code != null && TRANSIENT_CODES.contains(code)) || status >= 500;
        }
        if (e instanceof ServerException se) {
            return se.statusCode() >= 500;
        }
        if (e instanceof UnknownHostException) {
            return false; // a typo in the host name does not heal by waiting
        }
        return e instanceof IOException; // connection refused or reset, timeouts, truncated responses
    }

    static String code(Throwable e) {
        if (e instanceof ErrorResponseException ere && ere.errorResponse() != null) {
            return ere.errorResponse().code();
        }
        return null;
    }

    static boolean isNoSuchKey(Throwable e) {
        return "NoSuchKey".equals(code(e));
    }

    static boolean isNoSuchBucket(Throwable e) {
        return "NoSuchBucket".equals(code(e));
    }

    /** One line for the user; {@code action} says what was being done ("reading", "uploading", ...). */
    static CaigException translate(Exception e, int attempts, String action, Object uri, String endpoint) {
        String tries = attempts > 1 ? " after " + attempts + " tries" : "";
        if (e instanceof UnknownHostException) {
            return new CaigException("cannot reach the S3 endpoint " + endpoint + " (unknown host " + e.getMessage()
                    + ") while " + action + " " + uri + ": check CAIG_S3_ENDPOINT", e);
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException || e instanceof SocketTimeoutException
                || e instanceof InterruptedIOException) {
            return new CaigException("cannot reach the S3 endpoint " + endpoint + " (" + describe(e) + ")" + tries
                    + " while " + action + " " + uri + ": check CAIG_S3_ENDPOINT and that the server is running", e);
        }
        if (e instanceof ErrorResponseException ere) {
            String code = code(ere);
            int status = ere.response() == null ? 0 : ere.response().code();
            if (code != null && CREDENTIAL_CODES.contains(code)) {
                return new CaigException("the S3 endpoint " + endpoint + " rejected the credentials (" + code + ") while "
                        + action + " " + uri + ": check CAIG_S3_ACCESS_KEY and CAIG_S3_SECRET_KEY (or CAIG_S3_CREDENTIALS_FILE)", e);
            }
            if ("AccessDenied".equals(code) || status == 403) {
                return new CaigException("access denied by the S3 endpoint " + endpoint + " while " + action + " " + uri
                        + ": wrong credentials or missing permission (check CAIG_S3_ACCESS_KEY and CAIG_S3_SECRET_KEY)", e);
            }
            if ("NoSuchBucket".equals(code)) {
                return missingBucket(ere.errorResponse().bucketName(), endpoint, e);
            }
            if ("NoSuchKey".equals(code)) {
                return new CaigException(uri + ": no such object at " + endpoint, e);
            }
            String message = ere.errorResponse() == null ? "" : ere.errorResponse().message();
            return new CaigException("S3 error " + code + (status > 0 ? " (HTTP " + status + ")" : "") + tries + " while "
                    + action + " " + uri + " at " + endpoint + (message == null || message.isBlank() ? "" : ": " + message), e);
        }
        if (e instanceof ServerException se) {
            return new CaigException("the S3 endpoint " + endpoint + " failed with HTTP " + se.statusCode() + tries
                    + " while " + action + " " + uri, e);
        }
        if (e instanceof InvalidResponseException || e instanceof XmlParserException) {
            return new CaigException(endpoint + " did not answer like an S3 server while " + action + " " + uri
                    + ": is CAIG_S3_ENDPOINT right?", e);
        }
        if (e instanceof IOException) {
            return new CaigException("I/O error" + tries + " while " + action + " " + uri + " at " + endpoint + ": "
                    + describe(e), e);
        }
        if (e instanceof CaigException ce) {
            return ce;
        }
        return new CaigException("S3 error while " + action + " " + uri + " at " + endpoint + ": " + describe(e), e);
    }

    static CaigException missingBucket(String bucket, String endpoint, Exception cause) {
        return new CaigException("bucket '" + bucket + "' does not exist at " + endpoint
                + " (buckets are created automatically only in local mode; create it first)", cause);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
