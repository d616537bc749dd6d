package dev.caig.runtime.serve;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A minimal {@code multipart/form-data} parser (RFC 7578) over a body already in memory: enough for a few fields
 * and one file, strict about structure so that a malformed body is a clean 400 rather than a guess.
 */
final class MultipartForm {
    private static final int MAX_PARTS = 16;
    private static final int MAX_HEADER_BYTES = 8 * 1024;

    /** One part: its form field name, file name (null for plain fields) and content. */
    record Part(String name, String filename, byte[] content) {
        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    private MultipartForm() {
    }

    /** The boundary parameter of a multipart Content-Type header. */
    static String boundary(String contentType) {
        for (String param : contentType.split(";")) {
            String p = param.trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("boundary")) {
                String value = p.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                // RFC 2046: 1 to 70 characters.
                if (value.isEmpty() || value.length() > 70) {
                    throw malformed("the multipart boundary must have 1 to 70 characters");
                }
                return value;
            }
        }
        throw malformed("multipart/form-data needs a boundary parameter in Content-Type");
    }

    static List<Part> parse(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int pos = indexOf(body, delimiter, 0);
        if (pos < 0) {
            throw malformed("the body has no multipart boundary line");
        }
        List<Part> parts = new ArrayList<>();
        byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        pos += delimiter.length;
        while (true) {
            if (startsWith(body, pos, "--")) {
                return parts; // the closing delimiter
            }
            if (!startsWith(body, pos, "\r\n")) {
                throw malformed("a multipart boundary must be followed by CRLF or '--'");
            }
            pos += 2;
            int headerEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), pos);
            if (headerEnd < 0 || headerEnd - pos > MAX_HEADER_BYTES) {
                throw malformed("a multipart part has no complete header block");
            }
            String headers = new String(body, pos, headerEnd - pos, StandardCharsets.UTF_8);
            int contentStart = headerEnd + 4;
            int contentEnd = indexOf(body, next, contentStart);
            if (contentEnd < 0) {
                throw malformed("the multipart body ends before its closing boundary");
            }
            if (parts.size() == MAX_PARTS) {
                throw malformed("more than " + MAX_PARTS + " multipart parts");
            }
            byte[] content = java.util.Arrays.copyOfRange(body, contentStart, contentEnd);
            parts.add(part(headers, content));
            pos = contentEnd + next.length;
        }
    }

    private static Part part(String headers, byte[] content) {
        String disposition = null;
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-disposition")) {
                disposition = line.substring(colon + 1).trim();
            }
        }
        if (disposition == null || !disposition.toLowerCase(Locale.ROOT).startsWith("form-data")) {
            throw malformed("each multipart part needs 'Content-Disposition: form-data; name=...'");
        }
        String name = parameter(disposition, "name");
        if (name == null || name.isEmpty()) {
            throw malformed("a multipart part has no field name");
        }
        return new Part(name, parameter(disposition, "filename"), content);
    }

    /** A parameter of a Content-Disposition value: {@code name="value"} or {@code name=value}. */
    static String parameter(String disposition, String key) {
        int i = 0;
        int n = disposition.length();
        while (i < n) {
            int semi = disposition.indexOf(';', i);
            if (semi < 0) {
                return null;
            }
            i = semi + 1;
            while (i < n && disposition.charAt(i) == ' ') {
                i++;
            }
            int eq = disposition.indexOf('=', i);
            if (eq < 0) {
                return null;
            }
            String k = disposition.substring(i, eq).trim();
            String value;
            int end;
            if (eq + 1 < n && disposition.charAt(eq + 1) == '"') {
                StringBuilder sb = new StringBuilder();
                end = eq + 2;
                while (end < n && disposition.charAt(end) != '"') {
                    char c = disposition.charAt(end);
                    if (c == '\\' && end + 1 < n) {
                        c = disposition.charAt(++end);
                    }
                    sb.append(c);
                    end++;
                }
                if (end >= n) {
                    throw malformed("unterminated quoted parameter in Content-Disposition");
                }
                value = sb.toString();
                end++;
            } else {
                end = disposition.indexOf(';', eq);
                end = end < 0 ? n : end;
                value = disposition.substring(eq + 1, end).trim();
            }
            if (k.equalsIgnoreCase(key)) {
                return value;
            }
            i = end;
        }
        return null;
    }

    private static boolean startsWith(byte[] body, int pos, String s) {
        if (pos + s.length() > body.length) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (body[pos + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static ProblemException malformed(String detail) {
        return ProblemException.badRequest("malformed-body", "Malformed multipart body", detail);
    }
}
