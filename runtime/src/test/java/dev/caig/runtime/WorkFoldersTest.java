package dev.caig.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkFoldersTest {

    @Test
    void aNewRunDeletesTheFoldersOfDeadRunsAndKeepsLiveOnes(@TempDir Path root) throws Exception {
        Process finished = new ProcessBuilder("true").start();
        long deadPid = finished.pid();
        long deadStart = finished.info().startInstant().map(i -> i.toEpochMilli()).orElse(1L);
        finished.waitFor();
        Path dead = Files.createDirectories(root.resolve("run-" + deadPid + "-" + deadStart + "-123"));
        Files.write(dead.resolve("market.png"), new byte[1000]);

        ProcessHandle me = ProcessHandle.current();
        long myStart = me.info().startInstant().orElseThrow().toEpochMilli();
        Path live = Files.createDirectories(root.resolve("run-" + me.pid() + "-" + myStart + "-456"));
        // The same pid with another start time: a killed run whose pid the system gave to this process later.
        Path reused = Files.createDirectories(root.resolve("run-" + me.pid() + "-" + (myStart - 60_000) + "-789"));
        Path notARun = Files.createDirectories(root.resolve("store"));

        Path mine = new WorkFolders(root).newRunFolder();

        assertFalse(Files.exists(dead), "a dead run's folder is deleted");
        assertFalse(Files.exists(reused), "a folder whose pid now belongs to another process is deleted");
        assertTrue(Files.isDirectory(live), "a live run's folder stays");
        assertTrue(Files.isDirectory(notARun), "what is not a run folder stays");
        assertTrue(mine.getFileName().toString().startsWith("run-" + me.pid() + "-" + myStart + "-"), mine.toString());
        assertEquals(root.toAbsolutePath().normalize(), mine.getParent());
        assertEquals(0, new WorkFolders(root).removeDeadRuns(), "this run's own folder is alive too");
    }
}
