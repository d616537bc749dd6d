package dev.caig.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The shell commands of one README section: the lines of its ```bash blocks, continuation lines joined. */
public final class ReadmeCommands {
    public static final Path README = Path.of("..", "README.md");

    private ReadmeCommands() {
    }

    public static List<String> of(String heading) {
        String text;
        try {
            text = Files.readString(README);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = text.indexOf("\n" + heading + "\n");
        if (start < 0) {
            throw new AssertionError("README.md has no section '" + heading + "'");
        }
        int end = text.indexOf("\n## ", start + heading.length() + 2);
        String section = text.substring(start, end < 0 ? text.length() : end);
        List<String> commands = new ArrayList<>();
        boolean inBlock = false;
        StringBuilder pending = new StringBuilder();
        for (String line : section.split("\n")) {
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
            commands.add((pending + line).replaceAll("\\s+", " ").trim());
            pending.setLength(0);
        }
        return commands;
    }

    /** The one command of a section that starts with the given words. */
    public static String starting(String heading, String prefix) {
        List<String> matches = of(heading).stream().filter(c -> c.startsWith(prefix)).toList();
        if (matches.size() != 1) {
            throw new AssertionError("expected one '" + prefix + "' command in " + heading + ", found " + matches);
        }
        return matches.get(0);
    }
}
