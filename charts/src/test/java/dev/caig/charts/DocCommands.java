package dev.caig.charts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commands a document shows: the lines of its ```bash blocks (continuation lines joined) and the inline code
 * spans that are commands or options (`kubectl ...`, `helm ...`, `--set ...`).
 */
final class DocCommands {
    /** A command has a verb and an argument at least (`kubectl get` alone is prose naming a command). */
    private static final Pattern INLINE = Pattern.compile("`((?:kubectl|helm) [^`\\s]+ [^`]+|--set [^`]+)`");

    private DocCommands() {
    }

    /** A README section: from its heading to the next heading of the same level. */
    static String section(Path file, String heading) {
        String text = Chart.read(file);
        int start = text.indexOf("\n" + heading + "\n");
        if (start < 0) {
            throw new AssertionError(file + " has no section '" + heading + "'");
        }
        int end = text.indexOf("\n## ", start + heading.length() + 2);
        return text.substring(start, end < 0 ? text.length() : end);
    }

    static List<String> blockCommands(String text) {
        List<String> commands = new ArrayList<>();
        boolean inBlock = false;
        StringBuilder pending = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.startsWith("```")) {
                inBlock = line.equals("```bash");
                continue;
            }
            if (!inBlock || line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            commands.add(stripComment((pending + line).replaceAll("\\s+", " ").trim()));
            pending.setLength(0);
        }
        return commands;
    }

    static List<String> inlineCommands(String text) {
        List<String> out = new ArrayList<>();
        boolean inBlock = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("```")) {
                inBlock = !inBlock;
                continue;
            }
            if (!inBlock) {
                Matcher m = INLINE.matcher(line);
                while (m.find()) {
                    out.add(m.group(1));
                }
            }
        }
        return out;
    }

    /** A trailing "# comment" outside quotes. */
    private static String stripComment(String line) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'' && !dbl) {
                single = !single;
            } else if (c == '"' && !single) {
                dbl = !dbl;
            } else if (c == '#' && !single && !dbl && i > 0 && line.charAt(i - 1) == ' ') {
                return line.substring(0, i).trim();
            }
        }
        return line;
    }

    /** Splits a command line into words as a shell would for these simple commands (quotes removed). */
    static List<String> words(String command) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (char c : command.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                any = true;
            } else if (c == ' ') {
                if (w.length() > 0 || any) {
                    out.add(w.toString());
                }
                w.setLength(0);
                any = false;
            } else {
                w.append(c);
            }
        }
        if (w.length() > 0 || any) {
            out.add(w.toString());
        }
        return out;
    }
}
