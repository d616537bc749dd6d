package dev.caig.runtime.cli;

import picocli.CommandLine;

/** Reads the version Maven wrote into the jar manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = CaigCommand.class.getPackage().getImplementationVersion();
        return new String[] {"caig " + (version == null ? "(development build)" : version)};
    }
}
