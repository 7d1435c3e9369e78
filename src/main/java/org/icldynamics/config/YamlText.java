package org.icldynamics.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The text of a YAML file the user names (a config, a study), or a {@link ConfigException} saying why not. */
public final class YamlText {
    private YamlText() {
    }

    /**
     * @param kind what the file is, for the messages ({@code "config"}, {@code "study"})
     * @return the file's text
     */
    public static String read(Path file, String kind) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such " + kind + " file");
        } catch (CharacterCodingException e) {
            throw new ConfigException(file + ": not UTF-8 text (a " + kind + " file is YAML text)");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
    }
}
