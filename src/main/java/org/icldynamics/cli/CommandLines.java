package org.icldynamics.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.icldynamics.config.ConfigException;
import org.icldynamics.experiment.run.RunFiles;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The command line as typed, for provenance; enum options read like config values; the output directory made before
 * any work starts.
 */
final class CommandLines {
    private CommandLines() {
    }

    /** {@code icl ARGS...}, each argument quoted when it holds a space or a quote. */
    static String original(CommandSpec spec) {
        return "icl " + spec.root().commandLine().getParseResult().originalArgs().stream()
                .map(a -> a.matches("[\\w@%+=:,./\\[\\]{}-]+") ? a : "'" + a.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" "));
    }

    /**
     * Creates {@code --out DIR} (and its parents) before a command starts any run, so that an output directory that
     * cannot be made is a usage error naming it, not a failure after the first runs started.
     */
    static Path outputDirectory(Path out) {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new ConfigException("--out " + out + ": cannot create this directory (" + RunFiles.describe(e)
                    + "); choose another --out");
        }
        return out;
    }

    /**
     * Makes every enum option and parameter of {@code cl} and its subcommands accept the config spelling:
     * case-insensitive kebab ({@code --preprocess abs}, {@code --presets small}, {@code in-weight}).
     */
    static CommandLine kebabEnums(CommandLine cl) {
        for (ArgSpec a : cl.getCommandSpec().args()) {
            if (a.type().isEnum()) {
                register(cl, a.type().asSubclass(Enum.class));
            }
        }
        cl.getSubcommands().values().forEach(CommandLines::kebabEnums);
        return cl;
    }

    private static <E extends Enum<E>> void register(CommandLine cl, Class<E> type) {
        cl.registerConverter(type, text -> {
            String want = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(want)) {
                    return e;
                }
            }
            throw new CommandLine.TypeConversionException("'" + text + "' is not one of " + Arrays.stream(
                    type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .collect(Collectors.joining(", ")));
        });
    }
}
